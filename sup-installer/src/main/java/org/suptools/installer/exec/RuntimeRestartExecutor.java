package org.suptools.installer.exec;

import java.io.IOException;
import org.suptools.installer.journal.UndoStep;
import org.suptools.installer.runtime.RuntimeControlException;
import org.suptools.model.action.RuntimeRestart;
import org.suptools.installer.journal.RuntimeState;

/**
 * {@code runtime.restart}: stops the runtime if it runs, starts it and waits for its health
 * check. Undo stops it if it was stopped before; if it was running, the rollback starts it once,
 * after every undo, so that it runs on the restored files.
 */
final class RuntimeRestartExecutor implements ActionExecutor {

    RuntimeRestartExecutor(RuntimeRestart action) {
    }

    @Override
    public ActionResult apply(ActionContext context) throws ActionFailedException, IOException {
        boolean wasRunning = context.runtime().isRunning();
        context.record(new UndoStep.Runtime(RuntimeState.of(wasRunning)));
        try {
            if (wasRunning) {
                context.runtime().stop();
            }
            context.runtime().start();
        } catch (RuntimeControlException e) {
            throw new ActionFailedException("the runtime did not restart healthy: " + e.getMessage(), e);
        }
        return ActionResult.of(wasRunning ? "runtime restarted and healthy" : "runtime was stopped; started and healthy");
    }
}
