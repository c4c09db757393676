package org.suptools.installer.cli;

import org.suptools.installer.api.ExitCode;

/** Ends a command with a message on stderr and a given exit code. */
final class ExitException extends Exception {

    private final ExitCode exitCode;

    ExitException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    ExitCode exitCode() {
        return exitCode;
    }
}
