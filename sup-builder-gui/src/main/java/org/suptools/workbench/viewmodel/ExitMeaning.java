package org.suptools.workbench.viewmodel;

/**
 * The installer's stable exit codes (docs/reference/exit-codes.md), for a run that ended
 * without a {@code finished} or {@code refused} event: a usage error, a busy gateway, an
 * unexpected error.
 */
final class ExitMeaning {

    private ExitMeaning() {
    }

    /** The outcome shown for an exit code. */
    static String outcome(int code) {
        return switch (code) {
            case 0 -> "succeeded";
            case 1 -> "failed";
            case 2 -> "usage error";
            case 3 -> "refused";
            case 4 -> "rollback-incomplete";
            case 5 -> "busy";
            default -> "exit " + code;
        };
    }

    static String meaning(int code) {
        return switch (code) {
            case 0 -> "succeeded";
            case 1 -> "failed; rolled back, or stopped where it failed";
            case 2 -> "bad command line or gateway configuration";
            case 3 -> "refused before any change";
            case 4 -> "rollback incomplete: the gateway needs attention";
            case 5 -> "busy: another installer holds the lock; nothing was touched";
            default -> "ended abnormally";
        };
    }
}
