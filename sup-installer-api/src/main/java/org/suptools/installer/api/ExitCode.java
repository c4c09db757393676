package org.suptools.installer.api;

import java.util.Arrays;
import java.util.Optional;

/**
 * The installer's exit codes: a stable contract for the campaign agent and the Workbench,
 * listed in {@code --help} and docs/reference/exit-codes.md. {@link #meaning()} is the wording of
 * the help's exit-code list, word for word.
 */
public enum ExitCode {
    /** The package is installed (or, for recover, nothing is left to do). */
    SUCCEEDED(0, "succeeded"),
    /** An action failed; the package was rolled back (or, with failure policy stop, stopped there). */
    FAILED(1, "failed; rolled back (or stopped there, with failure policy stop)"),
    /** The command line or the gateway configuration is wrong. */
    USAGE(2, "usage: bad command line or gateway configuration"),
    /** The package was refused before any change: invalid, untrusted, expired, not for this gateway, or plan refused. */
    REFUSED(3, "refused before any change (invalid, untrusted, expired, not for this gateway, plan refused)"),
    /**
     * The gateway needs attention: an undo failed, the runtime could not be started after the
     * rollback, or an unexpected error stopped even the rollback (for {@code recover}, also
     * reports that still cannot be written). The journal is kept; {@code recover} finishes the job.
     */
    ROLLBACK_INCOMPLETE(4, "rollback incomplete: the gateway needs attention (run recover once fixed)"),
    /** Another installer holds the lock; nothing was touched. */
    BUSY(5, "busy: another installer holds the lock; nothing was touched");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** The exit code with this number; empty for one the installer never uses (a crash, a signal). */
    public static Optional<ExitCode> of(int code) {
        return Arrays.stream(values()).filter(c -> c.code == code).findFirst();
    }
}
