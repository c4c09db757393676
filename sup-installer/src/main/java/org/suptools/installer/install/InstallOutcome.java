package org.suptools.installer.install;

import java.util.List;
import java.util.Optional;
import org.suptools.installer.api.ExitCode;
import org.suptools.installer.api.InstallError;
import org.suptools.installer.api.InstallStatus;
import org.suptools.installer.api.report.Confirmation;
import org.suptools.installer.plan.Plan;

/**
 * How an install (or a recovery) ended: the exit code, the status and error (absent for busy and
 * nothing-to-do), a one-line message, the final confirmation, for a dry run the plan, and
 * warnings: what went wrong besides, such as a report that could not be written.
 */
public record InstallOutcome(ExitCode exitCode, Optional<InstallStatus> status, Optional<InstallError> error,
        String message, Optional<Confirmation> confirmation, Optional<Plan> plan, List<String> warnings) {

    public InstallOutcome {
        status = status == null ? Optional.empty() : status;
        error = error == null ? Optional.empty() : error;
        confirmation = confirmation == null ? Optional.empty() : confirmation;
        plan = plan == null ? Optional.empty() : plan;
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public InstallOutcome(ExitCode exitCode, Optional<InstallStatus> status, Optional<InstallError> error,
            String message, Optional<Confirmation> confirmation, Optional<Plan> plan) {
        this(exitCode, status, error, message, confirmation, plan, List.of());
    }

    public static InstallOutcome busy(String message) {
        return new InstallOutcome(ExitCode.BUSY, Optional.empty(), Optional.of(InstallError.BUSY), message,
                Optional.empty(), Optional.empty());
    }
}
