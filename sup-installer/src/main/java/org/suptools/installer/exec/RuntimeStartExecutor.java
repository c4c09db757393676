package org.suptools.installer.exec;

import java.io.IOException;
import org.suptools.installer.journal.UndoStep;
import org.suptools.installer.runtime.RuntimeControlException;
import org.suptools.model.action.RuntimeStart;
import org.suptools.installer.journal.RuntimeState;

/** {@code runtime.start}: starts the runtime and waits for its health check. Undo stops it again. */
final class RuntimeStartExecutor implements ActionExecutor {

    RuntimeStartExecutor(RuntimeStart action) {
    }

    @Override
    public ActionResult apply(ActionContext context) throws ActionFailedException, IOException {
        if (context.runtime().isRunning()) {
            return ActionResult.of("the runtime was already running");
        }
        context.record(new UndoStep.Runtime(RuntimeState.STOPPED));
        try {
            context.runtime().start();
        } catch (RuntimeControlException e) {
            throw new ActionFailedException("the runtime did not start healthy: " + e.getMessage(), e);
        }
        return ActionResult.of("runtime started and healthy");
    }
}
