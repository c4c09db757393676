package org.suptools.installer.exec;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.suptools.installer.fs.Confinement;
import org.suptools.installer.fs.Trees;
import org.suptools.installer.journal.Journal;
import org.suptools.installer.journal.JournalRecord;
import org.suptools.installer.journal.JournalState;
import org.suptools.installer.journal.UndoStep;
import org.suptools.installer.process.ProcessResult;
import org.suptools.installer.runtime.RuntimeControl;
import org.suptools.installer.runtime.RuntimeControlException;
import org.suptools.model.action.Action;

/**
 * What an executor works with while it undoes one action: the steps its apply journalled, and
 * the means to reverse them. The same in the installer that applied the action and in a
 * {@code recover} run after a crash.
 */
public final class UndoContext {

    private final int index;
    private final Action action;
    private final JournalState state;
    private final Journal journal;
    private final RuntimeControl runtime;
    private final CommandRunner commands;
    private final GatewayFiles files;

    /** @param confinement what every restore of a gateway path is checked against, as it is made */
    public UndoContext(int index, Action action, JournalState state, Journal journal, RuntimeControl runtime,
            CommandRunner commands, Confinement confinement) {
        this.index = index;
        this.action = action;
        this.state = state;
        this.journal = journal;
        this.runtime = runtime;
        this.commands = commands;
        this.files = new GatewayFiles(confinement);
    }

    public int index() {
        return index;
    }

    public Action action() {
        return action;
    }

    public List<UndoStep> steps() {
        return state.stepsOf(index);
    }

    /**
     * Reverses every journalled step, newest first. A step that cannot be reversed is reported
     * and the others are still reversed.
     *
     * @throws UndoFailedException naming every step that could not be reversed
     */
    public void reverseSteps() throws UndoFailedException {
        List<UndoStep> steps = steps();
        List<String> failures = new ArrayList<>();
        Exception first = null;
        for (int i = steps.size() - 1; i >= 0; i--) {
            UndoStep step = steps.get(i);
            try {
                reverse(i, step);
            } catch (IOException | ActionFailedException | RuntimeControlException | RuntimeException e) {
                failures.add(describe(step) + ": " + e.getMessage());
                if (first == null) {
                    first = e;
                }
            }
        }
        if (!failures.isEmpty()) {
            throw new UndoFailedException(String.join("; ", failures), first);
        }
    }

    private void reverse(int stepIndex, UndoStep step)
            throws IOException, ActionFailedException, RuntimeControlException {
        if (step instanceof UndoStep.Created created) {
            files.deleteTree(Path.of(created.path()));
        } else if (step instanceof UndoStep.Saved saved) {
            FileBackup.restore(files, Path.of(saved.original()), Path.of(saved.backup()));
        } else if (step instanceof UndoStep.Renamed renamed) {
            if (!state.isReversed(index, stepIndex)) {
                FileBackup.renameBack(files, Path.of(renamed.from()), Path.of(renamed.to()));
                journal.append(new JournalRecord.StepReversed(index, stepIndex));
            }
        } else if (step instanceof UndoStep.ModeChanged changed) {
            Path path = Path.of(changed.path());
            // A mode that never changed (the chmod was refused) is left alone: the path may refuse it again.
            if (files.exists(path) && !changed.mode().equals(Trees.octal(java.nio.file.Files.getPosixFilePermissions(
                    files.target(path), java.nio.file.LinkOption.NOFOLLOW_LINKS)))) {
                files.setPermissions(path, Trees.permissions(changed.mode()));
            }
        } else if (step instanceof UndoStep.Obsolete) {
            // Deleted only once the package is committed; nothing to undo.
        } else if (step instanceof UndoStep.Ran ran) {
            runUndoCommand(ran);
        } else if (step instanceof UndoStep.Runtime wanted) {
            restoreRuntime(wanted);
        }
    }

    private void runUndoCommand(UndoStep.Ran ran) throws IOException {
        if (ran.undoCommand().isEmpty()) {
            return;
        }
        ProcessResult result = commands.run(ran.undoCommand(), Optional.ofNullable(ran.workingDir()).map(Path::of),
                ran.environment(), Duration.ofMillis(ran.timeoutMillis()));
        if (result.timedOut()) {
            throw new IOException("undo command '" + String.join(" ", ran.undoCommand()) + "' timed out and was killed");
        }
        if (result.exitCode() != 0) {
            throw new IOException("undo command '" + String.join(" ", ran.undoCommand()) + "' exited with "
                    + result.exitCode() + tail(result.outputTail()));
        }
    }

    /**
     * Stops the runtime when the step says it was stopped. An undo never starts it: files that
     * later undos restore must be back before it reads them, so the rollback starts it once, after
     * the last undo, when it was running before the install. Stopping is always safe to repeat.
     */
    private void restoreRuntime(UndoStep.Runtime wanted) throws IOException, RuntimeControlException {
        if (!wanted.restoresRunning()) {
            runtime.stop();
        }
    }

    private static String tail(String outputTail) {
        if (outputTail == null || outputTail.isBlank()) {
            return "";
        }
        String trimmed = outputTail.strip();
        int lastLine = trimmed.lastIndexOf('\n');
        return ": " + (lastLine >= 0 ? trimmed.substring(lastLine + 1) : trimmed);
    }

    private static String describe(UndoStep step) {
        if (step instanceof UndoStep.Created s) {
            return "removing " + s.path();
        } else if (step instanceof UndoStep.Saved s) {
            return "restoring " + s.original();
        } else if (step instanceof UndoStep.Renamed s) {
            return "renaming " + s.to() + " back to " + s.from();
        } else if (step instanceof UndoStep.ModeChanged s) {
            return "restoring the mode of " + s.path();
        } else if (step instanceof UndoStep.Ran s) {
            return "undoing '" + String.join(" ", s.command()) + "'";
        } else if (step instanceof UndoStep.Runtime s) {
            return "stopping the runtime";
        }
        return step.toString();
    }
}
