package org.suptools.installer.exec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.suptools.installer.fs.Deadline;
import org.suptools.installer.journal.UndoStep;
import org.suptools.installer.process.ProcessResult;

/** Runs a command of an action the same way for every action type: journalled, timed, judged by its exit code. */
final class Commands {

    private Commands() {
    }

    /**
     * Journals the command with its undo command, runs it within the action's timeout and fails
     * unless it exits with one of {@code successExitCodes}.
     */
    static ActionResult run(ActionContext context, List<String> command, List<String> undo, Path workingDir,
            Map<String, String> environment, List<Integer> successExitCodes) throws ActionFailedException, IOException {
        context.record(new UndoStep.Ran(command, undo, workingDir.toString(), environment,
                context.timeout().toMillis()));
        return runUnjournalled(context, command, workingDir, environment, successExitCodes);
    }

    /** Runs a command that changes nothing (a check): no journal entry. */
    static ActionResult runUnjournalled(ActionContext context, List<String> command, Path workingDir,
            Map<String, String> environment, List<Integer> successExitCodes) throws ActionFailedException, IOException {
        String shown = String.join(" ", command);
        ProcessResult result;
        try {
            result = context.commands().run(command, Optional.of(workingDir), environment, context.timeout());
        } catch (IOException e) {
            throw new ActionFailedException("'" + shown + "' could not be started: " + e.getMessage(), e);
        }
        if (result.timedOut()) {
            throw new ActionFailedException("'" + shown + "' timed out after " + Deadline.describe(context.timeout())
                    + " and was killed", Optional.of(result.exitCode()), Optional.ofNullable(result.outputTail()), null);
        }
        if (!result.succeeded(successExitCodes)) {
            throw new ActionFailedException("'" + shown + "' exited with " + result.exitCode()
                    + (successExitCodes.equals(List.of(0)) ? "" : " (accepted: " + successExitCodes + ")"),
                    Optional.of(result.exitCode()), Optional.ofNullable(result.outputTail()), null);
        }
        return ActionResult.ofCommand("'" + shown + "' exited with " + result.exitCode(), result.exitCode(),
                result.outputTail());
    }
}
