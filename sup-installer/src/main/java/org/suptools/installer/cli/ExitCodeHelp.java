package org.suptools.installer.cli;

/**
 * The exit-code lines of the commands' help, one wording per code of {@link org.suptools.installer.api.ExitCode};
 * constants so that annotations can use them.
 */
final class ExitCodeHelp {

    static final String HEADING = "%nExit codes:%n";
    static final String SUCCEEDED = "0:succeeded";
    static final String FAILED = "1:failed; rolled back (or stopped there, with failure policy stop)";
    static final String USAGE = "2:usage: bad command line or gateway configuration";
    static final String REFUSED =
            "3:refused before any change (invalid, untrusted, expired, not for this gateway, plan refused)";
    static final String ROLLBACK_INCOMPLETE =
            "4:rollback incomplete: the gateway needs attention (run recover once fixed)";
    static final String BUSY = "5:busy: another installer holds the lock; nothing was touched";

    private ExitCodeHelp() {
    }
}
