package org.suptools.installer.exec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.suptools.model.action.PackageInstall;

/**
 * {@code package.install}: the payload package file is copied into the backup directory and
 * installed with the gateway's package manager ({@code dpkg -i}, {@code rpm -U}, {@code opkg install}
 * by default). Undo runs the declared undo command, if any.
 */
final class PackageInstallExecutor implements ActionExecutor {

    private final PackageInstall action;

    PackageInstallExecutor(PackageInstall action) {
        this.action = action;
    }

    @Override
    public ActionResult apply(ActionContext context) throws ActionFailedException, IOException {
        String fileName = Path.of(action.source()).getFileName().toString();
        Path file = context.stashPayload(action.source(), fileName);
        List<String> command = new ArrayList<>(context.packageManagerCommand(action.manager()));
        command.add(file.toString());
        return Commands.run(context, command, action.undo(), context.runtimeHome(), Map.of(), List.of(0));
    }
}
