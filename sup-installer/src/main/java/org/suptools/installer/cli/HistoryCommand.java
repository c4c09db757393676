package org.suptools.installer.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import org.suptools.installer.api.json.ContractJson;
import org.suptools.installer.state.History;
import org.suptools.installer.state.HistoryEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sup-installer history --config GATEWAY_CONFIG [--json]}: past installs with their outcomes, oldest first. */
@Command(mixinStandardHelpOptions = true, name = "history", sortOptions = false,
        description = "Lists past installs with their outcomes, oldest first.",
        exitCodeListHeading = ExitCodeHelp.HEADING,
        exitCodeList = {"0:shown", "1:failed: the installer's state could not be read", ExitCodeHelp.USAGE})
final class HistoryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions options;

    @Option(names = "--json", description = "Print a JSON array, stable for scripts.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<HistoryEntry> entries = History.read(options.load().stateDir());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new String(ContractJson.pretty(entries), StandardCharsets.UTF_8).strip());
        } else if (entries.isEmpty()) {
            out.println("no installs yet");
        } else {
            entries.forEach(entry -> out.println(entry.startedAt() + "  " + describe(entry)));
        }
        out.flush();
        return 0;
    }

    static String describe(HistoryEntry entry) {
        String label = entry.name().map(n -> n + entry.version().map(v -> " " + v).orElse("")).orElse(entry.fileName());
        StringBuilder text = new StringBuilder(label).append(": ").append(entry.status().text());
        entry.recovery().ifPresent(r -> text.append(" (").append(r).append(')'));
        if (entry.errorCode() != 0) {
            text.append(" [").append(entry.errorCode()).append("] ").append(entry.errorMessage());
        }
        text.append(" (").append(entry.request().source());
        entry.request().campaignId().ifPresent(id -> text.append(" ").append(id));
        text.append(')');
        return text.toString();
    }
}
