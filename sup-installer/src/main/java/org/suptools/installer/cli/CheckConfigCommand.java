package org.suptools.installer.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.suptools.installer.api.ExitCode;
import org.suptools.installer.api.json.ContractJson;
import org.suptools.installer.config.ConfigCheck;
import org.suptools.installer.config.GatewayConfig;
import org.suptools.installer.config.GatewayConfigLoader;
import org.suptools.model.gateway.GatewayProfile;
import org.suptools.model.problem.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sup-installer check-config --config GATEWAY_CONFIG [--json]}: every problem of a gateway config, or ok. */
@Command(mixinStandardHelpOptions = true, name = "check-config", sortOptions = false,
        header = "Check a gateway config before a campaign relies on it.",
        description = {"Loads the gateway config and checks everything the installer will rely on: the fields, the "
                + "runtime home, the trust store's keys and threshold, that the state and logs directories can be "
                + "written, the allowed roots, and that runtime commands given as paths are executable. Prints every "
                + "problem, one line each, or ok with a summary. Takes no lock and leaves nothing behind (the write check "
                + "creates and removes a probe file)."},
        exitCodeListHeading = ExitCodeHelp.HEADING,
        exitCodeList = {"0:ok: the config can be used", ExitCodeHelp.USAGE},
        footer = {"%nExamples:", "  sup-installer check-config --config /etc/sup/gateway.yaml",
            "  sup-installer check-config --config /etc/sup/gateway.yaml --json"})
final class CheckConfigCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions options;

    @Option(names = "--json", description = "Print a JSON object, stable for scripts.")
    boolean json;

    @Override
    public Integer call() {
        ConfigCheck check = GatewayConfigLoader.check(options.config, true);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new String(ContractJson.pretty(toJson(check)), StandardCharsets.UTF_8).strip());
        } else if (check.ok()) {
            printSummary(check, out);
        } else {
            String file = options.config.toString();
            check.problems().forEach(problem -> out.println(problem.in(file)));
            out.println(file + ": " + check.problems().size() + " problem" + (check.problems().size() == 1 ? "" : "s")
                    + "; the installer refuses this config (exit 2)");
        }
        out.flush();
        return check.ok() ? ExitCode.SUCCEEDED.code() : ExitCode.USAGE.code();
    }

    private void printSummary(ConfigCheck check, PrintWriter out) {
        GatewayConfig config = check.config().orElseThrow();
        GatewayProfile profile = config.identity().profile();
        out.println(options.config + ": ok");
        out.println("identity:      " + profile + config.identity().thingKey().map(key -> ", thing key " + key)
                .orElse(""));
        out.println("runtime home:  " + config.runtimeHome());
        out.println("state dir:     " + config.stateDir());
        out.println("logs dir:      " + config.logsDir());
        out.println("allowed roots: " + config.allowedRoots().stream().map(Path::toString)
                .collect(Collectors.joining(", ")));
        if (config.allowUnsigned()) {
            out.println("trust:         none; unsigned packages are allowed (checked for integrity only)");
        } else {
            out.println("trust:         " + check.trustKeyIds().size() + " key" + (check.trustKeyIds().size() == 1 ? "" : "s")
                    + " in " + config.trustStore().orElseThrow() + ", " + config.threshold() + " signature"
                    + (config.threshold() == 1 ? "" : "s") + " required");
            check.trustKeyIds().forEach(id -> out.println("  key " + id));
        }
    }

    private static ObjectNode toJson(ConfigCheck check) {
        ObjectNode root = ContractJson.mapper().createObjectNode();
        root.put("file", check.file().toString());
        root.put("ok", check.ok());
        ArrayNode problems = root.putArray("problems");
        for (Problem problem : check.problems()) {
            ObjectNode item = problems.addObject();
            if (problem.isPosition()) {
                String[] at = problem.location().split(":");
                item.put("line", Integer.parseInt(at[0]));
                item.put("column", Integer.parseInt(at[1]));
                item.put("field", "");
            } else {
                item.put("field", problem.location());
            }
            item.put("message", problem.message());
        }
        check.config().ifPresent(config -> {
            GatewayProfile profile = config.identity().profile();
            ObjectNode identity = root.putObject("identity");
            identity.put("product", profile.product());
            identity.put("os", profile.os());
            identity.put("architecture", profile.architecture());
            identity.put("runtimeVersion", profile.runtimeVersion().toString());
            config.identity().thingKey().ifPresent(key -> identity.put("thingKey", key));
            root.put("runtimeHome", config.runtimeHome().toString());
            root.put("stateDir", config.stateDir().toString());
            root.put("logsDir", config.logsDir().toString());
            ArrayNode roots = root.putArray("allowedRoots");
            config.allowedRoots().forEach(r -> roots.add(r.toString()));
            ObjectNode trust = root.putObject("trust");
            trust.put("allowUnsigned", config.allowUnsigned());
            config.trustStore().ifPresent(store -> trust.put("store", store.toString()));
            trust.put("threshold", config.threshold());
            ArrayNode keys = trust.putArray("keyIds");
            check.trustKeyIds().forEach(keys::add);
        });
        return root;
    }
}
