package org.suptools.installer.exec;

import java.io.IOException;
import org.suptools.installer.journal.UndoStep;
import org.suptools.installer.runtime.RuntimeControlException;
import org.suptools.model.action.RuntimeStop;
import org.suptools.installer.journal.RuntimeState;

/**
 * {@code runtime.stop}: stops the runtime through the gateway's stop command. Undo leaves the start
 * to the rollback, which starts it once, after every undo.
 */
final class RuntimeStopExecutor implements ActionExecutor {

    RuntimeStopExecutor(RuntimeStop action) {
    }

    @Override
    public ActionResult apply(ActionContext context) throws ActionFailedException, IOException {
        if (!context.runtime().isRunning()) {
            return ActionResult.of("the runtime was not running");
        }
        context.record(new UndoStep.Runtime(RuntimeState.RUNNING));
        try {
            context.runtime().stop();
        } catch (RuntimeControlException e) {
            throw new ActionFailedException("cannot stop the runtime: " + e.getMessage(), e);
        }
        return ActionResult.of("runtime stopped");
    }
}
