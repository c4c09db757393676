package org.suptools.installer.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.suptools.installer.api.json.ContractJson;
import org.suptools.installer.config.GatewayConfig;
import org.suptools.installer.journal.Journal;
import org.suptools.installer.state.History;
import org.suptools.installer.state.HistoryEntry;
import org.suptools.installer.state.Inventory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sup-installer status --config GATEWAY_CONFIG [--json]}: installed packages and the last result. */
@Command(mixinStandardHelpOptions = true, name = "status", sortOptions = false,
        description = "Shows the runtime home and version, the installed packages with their versions, the last "
                + "install's result, and whether an interrupted install awaits recover.",
        exitCodeListHeading = ExitCodeHelp.HEADING,
        exitCodeList = {"0:shown", "1:failed: the installer's state could not be read", ExitCodeHelp.USAGE})
final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions options;

    @Option(names = "--json", description = "Print a JSON object, stable for scripts.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        GatewayConfig config = options.load();
        Inventory inventory = Inventory.read(config.stateDir());
        List<HistoryEntry> history = History.read(config.stateDir());
        HistoryEntry last = history.isEmpty() ? null : history.get(history.size() - 1);
        boolean interrupted = Journal.inProgress(config.stateDir());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode status = ContractJson.mapper().createObjectNode();
            status.put("runtimeHome", config.runtimeHome().toString());
            status.put("runtimeVersion", inventory.runtimeVersion().orElse(config.identity().profile().runtimeVersion()).toString());
            status.set("packages", ContractJson.mapper().valueToTree(inventory.packages()));
            status.set("lastInstall", ContractJson.mapper().valueToTree(last));
            status.put("interruptedInstall", interrupted);
            out.println(new String(ContractJson.pretty(status), java.nio.charset.StandardCharsets.UTF_8).strip());
        } else {
            out.println("runtime home:    " + config.runtimeHome());
            out.println("runtime version: " + inventory.runtimeVersion().map(v -> v + " (installed by a firmware update)")
                    .orElse(config.identity().profile().runtimeVersion().toString()));
            if (inventory.packages().isEmpty()) {
                out.println("installed:       none");
            } else {
                out.println("installed:");
                inventory.packages().forEach((name, pkg) -> out.printf("  %-30s %-16s %s%n", name, pkg.version(),
                        pkg.installedAt()));
            }
            out.println("last install:    " + (last == null ? "none" : HistoryCommand.describe(last)));
            if (interrupted) {
                out.println("attention:       an interrupted install is pending; run: sup-installer recover --config "
                        + options.config);
            }
        }
        out.flush();
        return 0;
    }
}
