package org.suptools.installer.install;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.util.Optional;
import org.suptools.installer.journal.Journal;
import org.suptools.installer.journal.JournalRecord;
import org.suptools.installer.journal.JournalState;
import org.suptools.installer.journal.UndoStep;
import org.suptools.installer.runtime.RuntimeControl;
import org.suptools.installer.runtime.RuntimeControlException;
import org.suptools.model.action.Action;
import org.suptools.model.manifest.Manifest;
import org.suptools.installer.journal.RuntimeState;

/**
 * The runtime after a rollback runs what the files say. Undos never start it (they stop it where
 * they must, as before swapping a runtime tree back); this class ends the rollback:
 *
 * <ul>
 *   <li>the runtime was running before the install, and the rollback reverted something (a file,
 *       a link, a directory, a mode, a tree, an undo command) or the runtime is not running now:
 *       it is started exactly once, after the last undo (stopped first when it runs: a restart),
 *       and its health check decides;</li>
 *   <li>it was stopped before, and the install started it: it is stopped;</li>
 *   <li>otherwise it is left as it is.</li>
 * </ul>
 *
 * The state reached is journalled, so a recovery after a kill does not start it a second time
 * unless an undo came after. When it cannot be started, the message says why and what to free
 * when the disk is short; the install then needs attention, and {@code recover} finishes the job.
 */
final class RuntimeAfterRollback {

    private final Manifest manifest;
    private final Journal journal;
    private final RuntimeControl runtime;
    private final LowDiskSpace disk;
    private final Clock clock;

    RuntimeAfterRollback(Manifest manifest, Journal journal, RuntimeControl runtime, LowDiskSpace disk, Clock clock) {
        this.manifest = manifest;
        this.journal = journal;
        this.runtime = runtime;
        this.disk = disk;
        this.clock = clock;
    }

    /** Brings the runtime to where the rule says; the failure, in one line, if it could not. */
    Optional<String> restore() throws IOException {
        JournalState state = journal.state();
        Optional<Boolean> before = state.runtimeWasRunning();
        if (before.isEmpty()) {
            return Optional.empty();
        }
        RuntimeState wanted = RuntimeState.of(before.get());
        try {
            boolean running = runtime.isRunning();
            if (before.get() ? running && (!reverted(state) || state.runtimeRestored().equals(Optional.of(wanted)))
                    : !running || !startedByInstall(state)) {
                return Optional.empty();
            }
            if (before.get()) {
                if (running) {
                    runtime.stop();
                }
                runtime.start();
            } else {
                runtime.stop();
            }
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException | RuntimeControlException e) {
            return Optional.of(failure(before.get(), e));
        }
        journal.append(new JournalRecord.RuntimeRestored(wanted, clock.instant()));
        return Optional.empty();
    }

    /**
     * After undoing only the action that failed (error policy {@code continue}, failure policy
     * {@code stop}): the runtime back to the state it had before that action, started (once) if
     * it was running then and is not now.
     */
    Optional<String> restoreAfter(int index) {
        Optional<UndoStep.Runtime> first = journal.state().stepsOf(index).stream()
                .filter(UndoStep.Runtime.class::isInstance).map(UndoStep.Runtime.class::cast).findFirst();
        if (first.isEmpty() || !first.get().restoresRunning()) {
            return Optional.empty();
        }
        try {
            if (!runtime.isRunning()) {
                runtime.start();
            }
            return Optional.empty();
        } catch (IOException | RuntimeControlException e) {
            return Optional.of(failure(true, e));
        }
    }

    /** True when the journal holds a change that undoing reverts (temporary files aside). */
    static boolean reverted(JournalState state) {
        return state.begun().stream().flatMap(index -> state.stepsOf(index).stream()).anyMatch(step ->
                step instanceof UndoStep.Created created ? !created.temporary()
                        : step instanceof UndoStep.Ran ran ? !ran.undoCommand().isEmpty()
                        : step instanceof UndoStep.Saved || step instanceof UndoStep.Renamed
                                || step instanceof UndoStep.ModeChanged);
    }

    /** True when an action that starts the runtime (start, restart, firmware update) began. */
    private boolean startedByInstall(JournalState state) {
        return state.begun().stream().map(this::action)
                .anyMatch(action -> action.type().runtimeEffect().startsRuntime());
    }

    private Action action(int index) {
        return manifest.actions().get(index - 1);
    }

    private String failure(boolean start, Exception e) {
        String what = start ? "the runtime could not be started after the rollback: "
                : "the runtime could not be stopped after the rollback (it was stopped before the install): ";
        return what + e.getMessage() + disk.advice().map(advice -> "; " + advice).orElse("");
    }
}
