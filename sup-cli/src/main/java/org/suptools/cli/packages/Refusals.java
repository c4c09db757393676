package org.suptools.cli.packages;

import java.nio.file.Path;
import org.suptools.model.InvalidPackageException;

/** Keeps every refusal message in the form {@code <file>: ...}, whatever part of the model raised it. */
public final class Refusals {

    private Refusals() {
    }

    /**
     * The same refusal, naming the file first. The signature checks of the model do not know the
     * file they are checking, so their messages arrive without it.
     */
    public static InvalidPackageException naming(Path file, InvalidPackageException refusal) {
        String message = refusal.getMessage() == null ? "" : refusal.getMessage();
        if (message.startsWith(file.toString())) {
            return refusal;
        }
        return new InvalidPackageException(refusal.reason(), file + ": " + message, refusal);
    }

    /** The message without its leading {@code <file>: }, for output that names the file separately. */
    public static String withoutFile(Path file, String message) {
        String prefix = file + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
