package org.suptools.installer.archive;

import java.io.IOException;
import org.suptools.model.problem.ShownText;

/**
 * An archive payload that is not unpacked: an entry of a kind that is refused (device, FIFO, hard
 * link, sparse file), a size that is not what the archive declares, headers that disagree, bytes
 * no entry accounts for, or more than the limits. The message is one line naming the entry. It
 * is an {@code IOException} because it can come out of an entry's content stream as it is read.
 */
public final class UnsafeArchiveException extends IOException {

    public UnsafeArchiveException(String message) {
        super(message);
    }

    public UnsafeArchiveException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A refusal of one entry: "archive entry 'name' why". */
    static UnsafeArchiveException entry(String name, String why) {
        return new UnsafeArchiveException("archive entry " + ShownText.quoted(name) + " " + why);
    }
}
