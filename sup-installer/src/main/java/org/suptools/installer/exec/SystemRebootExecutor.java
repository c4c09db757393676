package org.suptools.installer.exec;

import org.suptools.model.action.SystemReboot;

/** {@code system.reboot}: never reboots mid-package; it marks the confirmation "reboot required". */
final class SystemRebootExecutor implements ActionExecutor {

    SystemRebootExecutor(SystemReboot action) {
    }

    @Override
    public ActionResult apply(ActionContext context) {
        context.requestReboot();
        return ActionResult.of("a reboot is required once the package has completed");
    }
}
