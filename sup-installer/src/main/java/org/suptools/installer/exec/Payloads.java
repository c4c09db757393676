package org.suptools.installer.exec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import org.suptools.model.manifest.PayloadFile;

/** The payload files of the package being installed, streamed and verified as they are read. */
public interface Payloads {

    /** The manifest's entry for a payload name (relative to {@code payload/}). */
    PayloadFile declared(String name) throws IOException;

    /**
     * A stream of exactly the declared bytes that fails at its end if the size or hash differs;
     * whoever copies from it must discard the copy on an exception.
     */
    InputStream open(String name) throws IOException;

    /**
     * A verified copy of the payload already on the disk, forced, on the state directory's file
     * system, which the one action that places it may rename into place instead of copying it;
     * empty when the payload is to be streamed with {@link #open}.
     */
    default Optional<Path> staged(String name) {
        return Optional.empty();
    }
}
