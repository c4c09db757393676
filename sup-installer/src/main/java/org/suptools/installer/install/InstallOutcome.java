package org.suptools.installer.install;

import java.util.Optional;
import org.suptools.installer.ExitCode;
import org.suptools.installer.InstallError;
import org.suptools.installer.InstallStatus;
import org.suptools.installer.plan.Plan;
import org.suptools.installer.report.Confirmation;

/**
 * How an install (or a recovery) ended: the exit code, the status and error (absent for busy and
 * nothing-to-do), a one-line message, the final confirmation and, for a dry run, the plan.
 */
public record InstallOutcome(ExitCode exitCode, Optional<InstallStatus> status, Optional<InstallError> error,
        String message, Optional<Confirmation> confirmation, Optional<Plan> plan) {

    public InstallOutcome {
        status = status == null ? Optional.empty() : status;
        error = error == null ? Optional.empty() : error;
        confirmation = confirmation == null ? Optional.empty() : confirmation;
        plan = plan == null ? Optional.empty() : plan;
    }

    public static InstallOutcome busy(String message) {
        return new InstallOutcome(ExitCode.BUSY, Optional.empty(), Optional.of(InstallError.BUSY), message,
                Optional.empty(), Optional.empty());
    }
}
