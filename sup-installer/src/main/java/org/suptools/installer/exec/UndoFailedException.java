package org.suptools.installer.exec;

/** Undoing an action did not fully succeed; the gateway needs attention. The message says what is left. */
public final class UndoFailedException extends Exception {

    public UndoFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    public UndoFailedException(String message) {
        super(message);
    }
}
