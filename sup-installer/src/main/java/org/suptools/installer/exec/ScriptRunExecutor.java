package org.suptools.installer.exec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.suptools.model.action.ScriptRun;

/**
 * {@code script.run}: the payload script is copied into the backup directory and run with its
 * interpreter. The undo script, if any, is copied there too before anything runs, so that a
 * recovery after a crash can still run it without the package.
 */
final class ScriptRunExecutor implements ActionExecutor {

    private final ScriptRun action;

    ScriptRunExecutor(ScriptRun action) {
        this.action = action;
    }

    @Override
    public ActionResult apply(ActionContext context) throws ActionFailedException, IOException {
        Path script = context.stashPayload(action.source(), "script");
        List<String> undo = List.of();
        if (action.undoSource().isPresent()) {
            undo = command(context.stashPayload(action.undoSource().get(), "undo-script"));
        }
        return Commands.run(context, command(script), undo, context.files().target(context.path("workingDir")),
                action.environment(), action.successExitCodes());
    }

    private List<String> command(Path script) {
        List<String> command = new ArrayList<>();
        command.add(action.effectiveInterpreter());
        command.add(script.toString());
        command.addAll(action.arguments());
        return command;
    }
}
