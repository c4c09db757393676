package org.suptools.installer.install;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.suptools.installer.event.InstallEvent;
import org.suptools.installer.exec.ActionContext;
import org.suptools.installer.exec.ActionFailedException;
import org.suptools.installer.exec.ActionResult;
import org.suptools.installer.exec.ExecutionEnvironment;
import org.suptools.installer.exec.Executors;
import org.suptools.installer.journal.Journal;
import org.suptools.installer.journal.JournalRecord;
import org.suptools.installer.plan.Plan;
import org.suptools.installer.plan.PlannedAction;
import org.suptools.model.action.Action;
import org.suptools.model.action.ErrorPolicy;
import org.suptools.model.manifest.FailurePolicy;
import org.suptools.model.manifest.Manifest;

/**
 * Runs the planned actions in order, each journalled as begun and done, announcing each as an
 * event. A failing action's own partial changes are undone at once; then its error policy
 * ({@code continue}) or the package's failure policy decides: go on, stop there ({@code stop},
 * journalled as kept), or hand over to the rollback. When every action is done the install is
 * journalled as committed.
 */
final class ActionRunner {

    /** How the run ended. */
    sealed interface Result {
        /** Every action done (some may have failed with error policy continue); journalled as committed. */
        record Committed(boolean rebootRequired, int continuedFailures) implements Result {
        }

        /** An action failed under failure policy stop; what was done stays (journalled as kept). */
        record Stopped(int index, String message, boolean partialUndoFailed, boolean rebootRequired) implements Result {
        }

        /** An action failed under failure policy rollback; the caller rolls back. */
        record Failed(int index, String message) implements Result {
        }
    }

    private final Plan plan;
    private final Manifest manifest;
    private final ExecutionEnvironment environment;
    private final Journal journal;
    private final EventBus events;
    private final Rollback rollback;
    private final Clock clock;

    ActionRunner(Plan plan, Manifest manifest, ExecutionEnvironment environment, EventBus events, Rollback rollback,
            Clock clock) {
        this.plan = plan;
        this.manifest = manifest;
        this.environment = environment;
        this.journal = environment.journal();
        this.events = events;
        this.rollback = rollback;
        this.clock = clock;
    }

    Result run() throws IOException {
        int total = plan.total();
        boolean reboot = false;
        int continued = 0;
        for (PlannedAction step : plan.actions()) {
            Action action = step.action();
            int index = step.index();
            String type = action.type().typeName();
            if (step.skipped()) {
                journal.append(new JournalRecord.ActionDone(index, "skipped", clock.instant(), step.skipReason()));
                events.on(new InstallEvent.ActionSkipped(clock.instant(), index, total, action.id(), type,
                        step.skipReason().orElseThrow()));
                continue;
            }
            journal.append(new JournalRecord.ActionBegun(index, clock.instant()));
            events.on(new InstallEvent.ActionStarted(clock.instant(), index, total, action.id(), type));
            ActionContext context = new ActionContext(index, action, step.paths(), step.timeout(), environment);
            try {
                ActionResult result = Executors.of(action).apply(context);
                reboot |= context.rebootRequested();
                journal.append(new JournalRecord.ActionDone(index, "succeeded", clock.instant(),
                        Optional.of(result.message())));
                events.on(new InstallEvent.ActionSucceeded(clock.instant(), index, total, action.id(), type,
                        result.message(), result.exitCode(), result.outputTail()));
            } catch (ActionFailedException | IOException | RuntimeException e) {
                String message = messageOf(e);
                boolean continuing = action.header().onError() == ErrorPolicy.CONTINUE;
                journal.append(new JournalRecord.ActionDone(index, "failed", clock.instant(), Optional.of(message)));
                events.on(new InstallEvent.ActionFailed(clock.instant(), index, total, action.id(), type, message,
                        e instanceof ActionFailedException f ? f.exitCode() : Optional.empty(),
                        e instanceof ActionFailedException f ? f.outputTail() : Optional.empty(), continuing));
                if (continuing) {
                    rollback.undo(index);
                    continued++;
                    continue;
                }
                if (manifest.failurePolicy() == FailurePolicy.STOP) {
                    boolean undoFailed = rollback.undo(index).isPresent();
                    journal.append(new JournalRecord.Kept(clock.instant(), message));
                    return new Result.Stopped(index, message, undoFailed, reboot);
                }
                return new Result.Failed(index, message);
            }
        }
        journal.append(new JournalRecord.Committed(clock.instant()));
        return new Result.Committed(reboot, continued);
    }

    private static String messageOf(Exception e) {
        if (e instanceof ActionFailedException) {
            return e.getMessage();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return e instanceof IOException ? "I/O error: " + message : "internal error: " + e;
    }
}
