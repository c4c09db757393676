package org.suptools.installer.exec;

import java.io.IOException;
import java.nio.file.Path;
import org.suptools.model.action.FileCopy;

/** {@code file.copy}: a payload file to a destination, with a mode. Undo restores the backup, or deletes a new file. */
final class FileCopyExecutor implements ActionExecutor {

    private final FileCopy action;

    FileCopyExecutor(FileCopy action) {
        this.action = action;
    }

    @Override
    public ActionResult apply(ActionContext context) throws ActionFailedException, IOException {
        Path destination = context.path("destination");
        long bytes = FilePlacer.placePayload(context, action.source(), destination, action.mode(), temp -> { });
        return ActionResult.of("copied " + action.source() + " (" + bytes + " bytes) to " + destination);
    }
}
