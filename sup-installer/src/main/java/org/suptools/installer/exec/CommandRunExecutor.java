package org.suptools.installer.exec;

import java.io.IOException;
import java.nio.file.Path;
import org.suptools.model.action.CommandRun;

/** {@code command.run}: runs a command with its timeout and accepted exit codes. Undo runs its declared undo command. */
final class CommandRunExecutor implements ActionExecutor {

    private final CommandRun action;

    CommandRunExecutor(CommandRun action) {
        this.action = action;
    }

    @Override
    public ActionResult apply(ActionContext context) throws ActionFailedException, IOException {
        // The command may do anything (that is what it is for), but it starts where the allowed
        // roots say: a working directory reached through a link that leads out is refused.
        Path workingDir = context.files().target(context.path("workingDir"));
        return Commands.run(context, action.command(), action.undo(), workingDir, action.environment(),
                action.successExitCodes());
    }
}
