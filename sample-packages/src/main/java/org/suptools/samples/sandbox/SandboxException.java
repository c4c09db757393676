package org.suptools.samples.sandbox;

/** A failure the sandbox explains in one line, with the exit code it ends with. */
final class SandboxException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    SandboxException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    SandboxException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
