package org.suptools.model.signing;

import java.io.IOException;

/**
 * A key file that cannot be used: unreadable, not PEM, encrypted, malformed or of an unsupported
 * algorithm. The message is one line and starts with the file's name, for example
 * {@code keys/a.key: not a PEM private key (found 'CERTIFICATE')}.
 */
public final class KeyFileException extends IOException {

    /** @param source the file as the user named it; {@code problem} follows it after a colon */
    public KeyFileException(String source, String problem) {
        super(source + ": " + problem);
    }

    /** @param source the file as the user named it; {@code problem} follows it after a colon */
    public KeyFileException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
    }
}
