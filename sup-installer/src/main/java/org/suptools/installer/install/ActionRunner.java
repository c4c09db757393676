package org.suptools.installer.install;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.suptools.installer.api.ActionStatus;
import org.suptools.installer.api.event.InstallEvent;
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
 * event. A failing action's temporary files go at once (a partial copy may be what filled the
 * disk); then its error policy ({@code continue}: its own changes are undone and the package goes
 * on) or the package's failure policy decides: stop there ({@code stop}: its own changes are
 * undone, the others journalled as kept), or leave the rollback to {@link Completion}. When every
 * action is done the install is journalled as committed. How the install ends is read from the
 * journal afterwards, never from here.
 */
final class ActionRunner {

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

    /** Runs until every action is done (then commits) or one fails and stops the package. */
    void run() throws IOException {
        int total = plan.total();
        for (PlannedAction step : plan.actions()) {
            Action action = step.action();
            int index = step.index();
            String type = action.type().typeName();
            if (step.skipped()) {
                journal.append(new JournalRecord.ActionDone(index, ActionStatus.SKIPPED, clock.instant(),
                        step.skipReason()));
                events.on(new InstallEvent.ActionSkipped(clock.instant(), index, total, action.id(), type,
                        step.skipReason().orElseThrow()));
                continue;
            }
            journal.append(new JournalRecord.ActionBegun(index, clock.instant()));
            events.on(new InstallEvent.ActionStarted(clock.instant(), index, total, action.id(), type));
            ActionResult result;
            try {
                ActionContext context = new ActionContext(index, action, step.paths(), step.timeout(), environment);
                result = Executors.of(action).apply(context);
            } catch (ActionFailedException | IOException | RuntimeException e) {
                if (!failed(index, action, e)) {
                    return;
                }
                continue;
            }
            journal.append(new JournalRecord.ActionDone(index, ActionStatus.SUCCEEDED, clock.instant(),
                    Optional.of(result.message())));
            events.on(new InstallEvent.ActionSucceeded(clock.instant(), index, total, action.id(), type,
                    result.message(), result.exitCode(), result.outputTail()));
        }
        journal.append(new JournalRecord.Committed(clock.instant()));
    }

    /** Records a failed action and applies its policies; true when the package goes on. */
    private boolean failed(int index, Action action, Exception e) throws IOException {
        String message = messageOf(e);
        boolean continuing = action.header().onError() == ErrorPolicy.CONTINUE;
        rollback.discardTemporary(index);
        journal.append(new JournalRecord.ActionDone(index, ActionStatus.FAILED, clock.instant(), Optional.of(message)));
        events.on(new InstallEvent.ActionFailed(clock.instant(), index, plan.total(), action.id(),
                action.type().typeName(), message,
                e instanceof ActionFailedException f ? f.exitCode() : Optional.empty(),
                e instanceof ActionFailedException f ? f.outputTail() : Optional.empty(), continuing));
        if (continuing) {
            rollback.undoOnly(index);
            return true;
        }
        if (manifest.failurePolicy() == FailurePolicy.STOP) {
            rollback.undoOnly(index);
            journal.append(new JournalRecord.Kept(clock.instant(), message));
        }
        return false;
    }

    private static String messageOf(Exception e) {
        if (e instanceof ActionFailedException) {
            return e.getMessage();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return e instanceof IOException ? "I/O error: " + message : "internal error: " + e;
    }
}
