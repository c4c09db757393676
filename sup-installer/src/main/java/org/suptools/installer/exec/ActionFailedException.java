package org.suptools.installer.exec;

import java.util.Optional;

/** An action could not do its job; the message says why, for commands with the exit code and output tail. */
public final class ActionFailedException extends Exception {

    private final Optional<Integer> exitCode;
    private final Optional<String> outputTail;

    public ActionFailedException(String message) {
        this(message, Optional.empty(), Optional.empty(), null);
    }

    public ActionFailedException(String message, Throwable cause) {
        this(message, Optional.empty(), Optional.empty(), cause);
    }

    public ActionFailedException(String message, Optional<Integer> exitCode, Optional<String> outputTail,
            Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
        this.outputTail = outputTail;
    }

    public Optional<Integer> exitCode() {
        return exitCode;
    }

    public Optional<String> outputTail() {
        return outputTail;
    }
}
