package org.suptools.cli;

import org.suptools.model.InvalidPackageException.Reason;

/**
 * The exit codes of {@code sup}, a contract scripts rely on: listed in every command's help and
 * in docs/reference/exit-codes.md. Only {@link SupErrorHandler} and commands that report a verdict (validate,
 * diff) return anything but {@link #OK}.
 */
public final class ExitCodes {

    public static final int OK = 0;
    /** The spec has errors, or the package is invalid, tampered with, hostile or badly signed. */
    public static final int INVALID = 1;
    /** The command line is wrong. */
    public static final int USAGE = 2;
    /** The package is not signed, not signed by a trusted key, or by too few of them. */
    public static final int UNTRUSTED = 3;
    /** The package expired. */
    public static final int EXPIRED = 4;
    /** An input is missing or unreadable, an output cannot be written, or a key file is bad. */
    public static final int IO = 5;
    /** A bug in sup. */
    public static final int INTERNAL = 70;

    /** The exit-code list of every command's help; constants so that annotations can use them. */
    public static final String HEADING = "%nExit codes:%n";
    public static final String HELP_OK = " 0:ok";
    public static final String HELP_INVALID =
            " 1:invalid: the spec has errors, or the package is invalid, tampered with, hostile or badly signed";
    public static final String HELP_USAGE = " 2:usage: the command line is wrong";
    public static final String HELP_UNTRUSTED =
            " 3:untrusted: not signed, no trusted signer, or fewer trusted signers than --threshold";
    public static final String HELP_EXPIRED = " 4:expired: the package is past its expiry time";
    public static final String HELP_IO =
            " 5:input/output: a file is missing or unreadable, an output cannot be written, or a key file is bad";
    public static final String HELP_INTERNAL = "70:internal error: a bug in sup (--verbose shows the stack trace)";

    private ExitCodes() {
    }

    public static int forReason(Reason reason) {
        return switch (reason) {
            case UNSIGNED, UNTRUSTED_SIGNER, THRESHOLD_NOT_MET -> UNTRUSTED;
            case EXPIRED -> EXPIRED;
            default -> INVALID;
        };
    }
}
