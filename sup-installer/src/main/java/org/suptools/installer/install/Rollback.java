package org.suptools.installer.install;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.suptools.installer.api.event.InstallEvent;
import org.suptools.installer.exec.ActionFailedException;
import org.suptools.installer.exec.CommandRunner;
import org.suptools.installer.exec.Executors;
import org.suptools.installer.exec.GatewayFiles;
import org.suptools.installer.exec.UndoContext;
import org.suptools.installer.exec.UndoFailedException;
import org.suptools.installer.fs.Confinement;
import org.suptools.installer.journal.Journal;
import org.suptools.installer.journal.JournalRecord;
import org.suptools.installer.journal.UndoStep;
import org.suptools.installer.runtime.RuntimeControl;
import org.suptools.model.action.Action;
import org.suptools.model.manifest.Manifest;

/**
 * Undoes an install from its journal: every action that began and is not undone yet, newest
 * first, each from the steps it journalled; an undo that fails is recorded and the others are
 * still undone. Undos never start the runtime; once every file is back, {@link
 * RuntimeAfterRollback} starts it (once) if it was running before the install. The same code
 * serves a failing install, an unexpected error and the recovery after a crash.
 */
final class Rollback {

    private final Manifest manifest;
    private final Journal journal;
    private final RuntimeControl runtime;
    private final CommandRunner commands;
    private final Confinement confinement;
    private final EventBus events;
    private final RuntimeAfterRollback runtimeAfter;
    private final Clock clock;

    Rollback(Manifest manifest, Journal journal, RuntimeControl runtime, CommandRunner commands,
            Confinement confinement, EventBus events, LowDiskSpace disk, Clock clock) {
        this.manifest = manifest;
        this.journal = journal;
        this.runtime = runtime;
        this.commands = commands;
        this.confinement = confinement;
        this.events = events;
        this.runtimeAfter = new RuntimeAfterRollback(manifest, journal, runtime, disk, clock);
        this.clock = clock;
    }

    /** Undoes everything not undone yet, then restores the runtime. The failures, one line each; empty when all went back. */
    List<String> undoAll(String reason) throws IOException {
        if (journal.state().rollback().isEmpty()) {
            journal.append(new JournalRecord.RollbackBegun(reason, clock.instant()));
        }
        events.on(new InstallEvent.RollbackStarted(clock.instant(), reason));
        List<String> failures = new ArrayList<>();
        List<Integer> begun = new ArrayList<>(journal.state().begun());
        for (int i = begun.size() - 1; i >= 0; i--) {
            int index = begun.get(i);
            if (journal.state().isUndone(index)) {
                continue;
            }
            undo(index).ifPresent(f -> failures.add("action " + index + ": " + f));
        }
        runtimeAfter.restore().ifPresent(failures::add);
        return failures;
    }

    /**
     * Undoes only action {@code index} (the one that failed, when the package goes on or stops
     * there) and brings the runtime back to the state it had before that action. The failure, if any.
     */
    Optional<String> undoOnly(int index) throws IOException {
        Optional<String> failure = undo(index);
        if (failure.isPresent()) {
            return failure;
        }
        Optional<String> runtimeFailure = runtimeAfter.restoreAfter(index);
        if (runtimeFailure.isPresent()) {
            // Journalled as this undo's failure, so that recover tries again.
            Action action = manifest.actions().get(index - 1);
            journal.append(new JournalRecord.ActionUndone(index, false, clock.instant(), runtimeFailure));
            events.on(new InstallEvent.ActionRollbackFailed(clock.instant(), index, manifest.actions().size(),
                    action.id(), action.type().typeName(), runtimeFailure.get()));
        }
        return runtimeFailure;
    }

    /**
     * Removes the temporary files action {@code index} made (a partial copy, a staging tree), at
     * once and without a journal record: they never held anything that was there before, and a
     * partial copy may be what filled the disk that the next journal record needs.
     */
    void discardTemporary(int index) {
        for (UndoStep step : journal.state().stepsOf(index)) {
            if (step instanceof UndoStep.Created created && created.temporary()) {
                try {
                    new GatewayFiles(confinement).deleteTree(Path.of(created.path()));
                } catch (IOException | ActionFailedException e) {
                    // The undo removes it again, and says so if it cannot.
                }
            }
        }
    }

    /** Undoes one action; the failure message, if any. Journals and announces the outcome. */
    private Optional<String> undo(int index) throws IOException {
        Action action = manifest.actions().get(index - 1);
        int total = manifest.actions().size();
        UndoContext context = new UndoContext(index, action, journal.state(), journal, runtime, commands,
                confinement);
        String failure;
        try {
            Executors.of(action).undo(context);
            failure = null;
        } catch (UndoFailedException | RuntimeException e) {
            failure = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        if (failure == null) {
            journal.append(new JournalRecord.ActionUndone(index, true, clock.instant(), Optional.empty()));
            events.on(new InstallEvent.ActionRolledBack(clock.instant(), index, total, action.id(),
                    action.type().typeName()));
            return Optional.empty();
        }
        journal.append(new JournalRecord.ActionUndone(index, false, clock.instant(), Optional.of(failure)));
        events.on(new InstallEvent.ActionRollbackFailed(clock.instant(), index, total, action.id(),
                action.type().typeName(), failure));
        return Optional.of(failure);
    }
}
