package org.suptools.installer.install;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.suptools.installer.event.InstallEvent;
import org.suptools.installer.exec.CommandRunner;
import org.suptools.installer.exec.Executors;
import org.suptools.installer.exec.UndoContext;
import org.suptools.installer.exec.UndoFailedException;
import org.suptools.installer.fs.Confinement;
import org.suptools.installer.journal.Journal;
import org.suptools.installer.journal.JournalRecord;
import org.suptools.installer.journal.JournalState;
import org.suptools.installer.runtime.RuntimeControl;
import org.suptools.installer.runtime.RuntimeControlException;
import org.suptools.model.action.Action;
import org.suptools.model.manifest.Manifest;

/**
 * Undoes an install from its journal: every action that began and is not undone yet, newest
 * first, each from the steps it journalled; an undo that fails is recorded and the others are
 * still undone. Then the runtime is brought back to the state it had before the install (and
 * restarted if the install had started it on content that is now restored). The same code serves
 * a failing install and the recovery after a crash.
 */
final class Rollback {

    private final Manifest manifest;
    private final Journal journal;
    private final RuntimeControl runtime;
    private final CommandRunner commands;
    private final Confinement confinement;
    private final EventBus events;
    private final Clock clock;

    Rollback(Manifest manifest, Journal journal, RuntimeControl runtime, CommandRunner commands,
            Confinement confinement, EventBus events, Clock clock) {
        this.manifest = manifest;
        this.journal = journal;
        this.runtime = runtime;
        this.commands = commands;
        this.confinement = confinement;
        this.events = events;
        this.clock = clock;
    }

    /** The failures, one line each; empty when everything was undone. */
    List<String> undoAll(String reason, Optional<Boolean> runtimeWasRunning) throws IOException {
        if (journal.state().rollback().isEmpty()) {
            journal.append(new JournalRecord.RollbackBegun(reason, clock.instant()));
        }
        events.on(new InstallEvent.RollbackStarted(clock.instant(), reason));
        List<String> failures = new ArrayList<>();
        List<Integer> begun = new ArrayList<>(journal.state().begun());
        for (int i = begun.size() - 1; i >= 0; i--) {
            int index = begun.get(i);
            if (journal.state().undone().contains(index)) {
                continue;
            }
            undo(index).ifPresent(f -> failures.add("action " + index + ": " + f));
        }
        runtimeWasRunning.ifPresent(wasRunning -> restoreRuntime(wasRunning, restartNeeded(), failures));
        return failures;
    }

    /** Whether the runtime now runs because an undo started it (on files already restored). */
    private boolean runtimeStartedByUndo;

    /** Undoes one action; the failure message, if any. Journals and announces the outcome. */
    Optional<String> undo(int index) throws IOException {
        Action action = manifest.actions().get(index - 1);
        int total = manifest.actions().size();
        JournalState state = journal.state();
        UndoContext context = new UndoContext(index, action, state, journal, runtime, commands, confinement);
        boolean touchesRuntime = action.type().runtimeEffect().touchesRuntime();
        boolean runningBefore = touchesRuntime && runningQuietly();
        try {
            Executors.of(action).undo(context);
            journal.append(new JournalRecord.ActionUndone(index, true, clock.instant(), Optional.empty()));
            events.on(new InstallEvent.ActionRolledBack(clock.instant(), index, total, action.id(),
                    action.type().typeName()));
            if (touchesRuntime) {
                noteRuntime(runningBefore, context.startedRuntime());
            }
            return Optional.empty();
        } catch (UndoFailedException | RuntimeException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            journal.append(new JournalRecord.ActionUndone(index, false, clock.instant(), Optional.of(message)));
            events.on(new InstallEvent.ActionRollbackFailed(clock.instant(), index, total, action.id(),
                    action.type().typeName(), message));
            if (touchesRuntime) {
                noteRuntime(runningBefore, context.startedRuntime());
            }
            return Optional.of(message);
        }
    }

    private void noteRuntime(boolean runningBefore, boolean started) {
        if (started) {
            runtimeStartedByUndo = true;
        } else if (runningBefore && !runningQuietly()) {
            runtimeStartedByUndo = false;
        }
    }

    private boolean runningQuietly() {
        try {
            return runtime != null && runtime.isRunning();
        } catch (IOException e) {
            return false;
        }
    }

    /** True when the install started or restarted the runtime: it may have loaded what is now restored. */
    private boolean restartNeeded() {
        return journal.state().begun().stream()
                .map(index -> manifest.actions().get(index - 1))
                .anyMatch(action -> action.type().runtimeEffect().startsRuntime());
    }

    private void restoreRuntime(boolean wasRunning, boolean restartNeeded, List<String> failures) {
        try {
            boolean running = runtime.isRunning();
            if (wasRunning && (!running || restartNeeded && !runtimeStartedByUndo)) {
                runtime.stop();
                runtime.start();
            } else if (!wasRunning) {
                runtime.stop();
            }
        } catch (IOException | RuntimeControlException e) {
            failures.add("runtime: could not bring it back to " + (wasRunning ? "running" : "stopped") + ": "
                    + e.getMessage());
        }
    }
}
