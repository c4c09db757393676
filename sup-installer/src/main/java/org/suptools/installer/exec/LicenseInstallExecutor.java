package org.suptools.installer.exec;

import java.io.IOException;
import java.nio.file.Path;
import org.suptools.model.action.LicenseInstall;

/** {@code license.install}: a license file from the payload put in place. Undo restores the previous file. */
final class LicenseInstallExecutor implements ActionExecutor {

    private final LicenseInstall action;

    LicenseInstallExecutor(LicenseInstall action) {
        this.action = action;
    }

    @Override
    public ActionResult apply(ActionContext context) throws ActionFailedException, IOException {
        Path destination = context.path("destination");
        FilePlacer.placePayload(context, action.source(), destination, action.mode(), temp -> { });
        return ActionResult.of("installed license " + action.source() + " as " + destination);
    }
}
