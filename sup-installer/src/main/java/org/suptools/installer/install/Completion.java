package org.suptools.installer.install;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.suptools.installer.api.ActionStatus;
import org.suptools.installer.api.InstallError;
import org.suptools.installer.api.InstallStatus;
import org.suptools.installer.api.event.PackageInfo;
import org.suptools.installer.api.report.Confirmation;
import org.suptools.installer.journal.Journal;
import org.suptools.installer.journal.JournalRecord;
import org.suptools.installer.journal.JournalState;
import org.suptools.model.action.ErrorPolicy;
import org.suptools.model.manifest.Manifest;

/**
 * Brings a journalled install to its end from what its journal says, the same way whether its
 * actions just ran, it met an unexpected error, or it was killed and is being recovered:
 *
 * <ul>
 *   <li>its end already journalled: only the reports are written (they were missing);</li>
 *   <li>committed: finished (temporary files removed, inventory updated): {@code succeeded};</li>
 *   <li>kept (failure policy {@code stop}): finished where it stopped: {@code failed};</li>
 *   <li>otherwise everything that began is undone and the runtime restored: {@code rolled-back}
 *       with the error the journal shows ({@code action-failed} when an action failed and did not
 *       let the package go on, else {@code internal-error} after an unexpected error, else
 *       {@code interrupted}), or {@code rollback-incomplete} when something could not be undone.</li>
 * </ul>
 */
final class Completion {

    /** Who ends the install. */
    enum Mode {
        /** The installer that ran its actions. */
        AFTER_ACTIONS,
        /** The installer that ran its actions, after an unexpected error. */
        AFTER_FAULT,
        /** A later run ({@code recover}, or the next install) after a kill or a power loss. */
        AFTER_INTERRUPTION;

        /** The confirmation's recovery note: only a later run writes one. */
        Optional<String> note(boolean keptChanges) {
            if (this != AFTER_INTERRUPTION) {
                return Optional.empty();
            }
            return Optional.of(keptChanges ? Confirmation.COMPLETED_AFTER_INTERRUPTION
                    : Confirmation.ROLLED_BACK_AFTER_INTERRUPTION);
        }
    }

    private static final String RECOVER_HINT = " (once the cause is fixed, sup-installer recover finishes the job)";

    private final Manifest manifest;
    private final PackageInfo info;
    private final Journal journal;
    private final Rollback rollback;
    private final Finisher finisher;

    Completion(Manifest manifest, PackageInfo info, Journal journal, Rollback rollback, Finisher finisher) {
        this.manifest = manifest;
        this.info = info;
        this.journal = journal;
        this.rollback = rollback;
        this.finisher = finisher;
    }

    Finisher.Ending complete(Mode mode, Optional<Path> extraReply) throws IOException {
        JournalState state = journal.state();
        Optional<String> recovery = mode.note(state.keepsChanges());
        if (state.ended().isPresent()) {
            return finisher.report(state.ended().get(), extraReply);
        }
        String installId = state.install().orElseThrow().installId();
        boolean reboot = Finisher.rebootRequired(manifest, state);
        if (state.committed().isPresent()) {
            finisher.cleanUpKept();
            finisher.updateInventory(manifest, info, installId);
            return finisher.end(InstallStatus.SUCCEEDED, Optional.empty(), "", reboot, recovery, extraReply);
        }
        Optional<String> failure = stoppingFailure(state, manifest);
        if (state.kept().isPresent()) {
            List<String> failures = new ArrayList<>();
            for (int index : state.undoFailed()) {
                Optional<String> undo = mode != Mode.AFTER_ACTIONS ? rollback.undoOnly(index)
                        : Optional.of(state.undo().get(index).message().orElse("its undo failed"));
                undo.ifPresent(f -> failures.add("action " + index + ": " + f));
            }
            finisher.cleanUpKept();
            String message = failure.orElse("an action failed") + "; failure policy stop: the actions before it "
                    + "stay applied";
            if (!failures.isEmpty()) {
                return finisher.end(InstallStatus.ROLLBACK_INCOMPLETE, Optional.of(InstallError.ROLLBACK_INCOMPLETE),
                        message + "; its own changes could not all be undone: " + String.join("; ", failures)
                        + RECOVER_HINT, reboot, recovery, extraReply);
            }
            return finisher.end(InstallStatus.FAILED, Optional.of(InstallError.STOPPED_ON_FAILURE), message, reboot,
                    recovery, extraReply);
        }
        InstallError error = failure.isPresent() ? InstallError.ACTION_FAILED
                : state.fault().isPresent() ? InstallError.INTERNAL : InstallError.INTERRUPTED;
        String reason = failure.or(() -> state.fault().map(JournalRecord.Fault::message))
                .orElse("the installer was interrupted");
        List<String> failures = rollback.undoAll(reason);
        if (!failures.isEmpty()) {
            return finisher.end(InstallStatus.ROLLBACK_INCOMPLETE, Optional.of(InstallError.ROLLBACK_INCOMPLETE),
                    reason + "; rollback incomplete: " + String.join("; ", failures) + RECOVER_HINT, false, recovery,
                    extraReply);
        }
        String message = error == InstallError.INTERRUPTED ? reason + "; everything it had done was undone"
                : reason + "; everything was rolled back";
        return finisher.end(InstallStatus.ROLLED_BACK, Optional.of(error), message, false, recovery, extraReply);
    }

    /**
     * The action that failed and stopped the package, in the words the rollback uses: the first
     * that ended {@code failed} without error policy {@code continue}.
     */
    static Optional<String> stoppingFailure(JournalState state, Manifest manifest) {
        return state.done().values().stream()
                .filter(done -> done.status() == ActionStatus.FAILED)
                .filter(done -> manifest.actions().get(done.index() - 1).header().onError() != ErrorPolicy.CONTINUE)
                .findFirst()
                .map(done -> "action " + done.index() + " failed: " + done.message().orElse("(no message)"));
    }
}
