package org.suptools.installer.install;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.suptools.installer.api.InstallStatus;
import org.suptools.installer.plan.Plan;
import org.suptools.installer.report.ConfirmationRecorder;

/** How an install that ran its actions is summed up for its caller, and how errors are named. */
final class Outcomes {

    private Outcomes() {
    }

    /**
     * The outcome of an install that ended: its exit code from its status, a one-line summary
     * (with the unexpected error, if one came, and it is not in the message already), and a
     * warning for reports that could not be written.
     */
    static InstallOutcome ended(String label, Finisher.Ending ending, Optional<String> fault,
            ConfirmationRecorder recorder, Plan plan) {
        String summary = ending.status() == InstallStatus.SUCCEEDED
                ? label + " installed" + (ending.rebootRequired() ? "; a reboot is required" : "")
                : label + ": " + ending.message();
        if (fault.isPresent() && !summary.contains(fault.get())) {
            summary += " (after an unexpected error: " + fault.get() + ")";
        }
        List<String> warnings = new ArrayList<>(ending.notes());
        if (!ending.unwritten().isEmpty()) {
            warnings.add("these reports could not be written: " + String.join("; ", ending.unwritten())
                    + "; the journal stays open: sup-installer recover writes them once it can, and no other "
                    + "install starts before");
        }
        return new InstallOutcome(ending.status().exitCode(), Optional.of(ending.status()), ending.error(), summary,
                recorder.current(), Optional.of(plan), warnings);
    }

    /** {@code internal error: java.lang.ArithmeticException: long overflow}, {@code I/O error: ...}. */
    static String describe(Throwable e) {
        if (e instanceof IOException) {
            return "I/O error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        return "internal error: " + e;
    }
}
