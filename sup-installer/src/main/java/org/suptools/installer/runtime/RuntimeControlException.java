package org.suptools.installer.runtime;

/** The runtime could not be started, stopped or brought to health; the message says why. */
public final class RuntimeControlException extends Exception {

    public RuntimeControlException(String message) {
        super(message);
    }

    public RuntimeControlException(String message, Throwable cause) {
        super(message, cause);
    }
}
