package org.suptools.agent.update;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.suptools.agent.store.AgentJson;
import org.suptools.installer.api.client.InstallerLauncher;
import org.suptools.tr50.Params;

/**
 * The description read from the installer, which owns the gateway's identity and what is installed:
 * {@code sup-installer check-config --json} gives the identity, {@code sup-installer status --json}
 * the installed packages and the runtime version a firmware update installed (which wins over the
 * configured one). Both are separate processes, like every installer run, so the agent never reads
 * the installer's files behind its back.
 */
public final class InstallerDescription implements DeviceDescription {

    private final List<String> installer;
    private final Path gatewayConfig;
    private final InstallStep.Launchers launchers;
    private final String thingKey;

    public InstallerDescription(List<String> installer, Path gatewayConfig, InstallStep.Launchers launchers,
            String thingKey) {
        this.installer = List.copyOf(installer);
        this.gatewayConfig = gatewayConfig;
        this.launchers = launchers;
        this.thingKey = thingKey;
    }

    @Override
    public Params describe() throws IOException, InterruptedException {
        JsonNode config = run("check-config");
        JsonNode status = run("status");
        if (!config.path("identity").isObject()) {
            throw new IOException("sup-installer check-config --json names no identity: the gateway config has "
                    + "problems (" + config.path("problems") + ")");
        }
        ObjectNode device = AgentJson.mapper().createObjectNode();
        device.put("thingKey", thingKey);
        for (Map.Entry<String, JsonNode> field : config.path("identity").properties()) {
            device.set(field.getKey(), field.getValue());
        }
        if (status.path("runtimeVersion").isTextual()) {
            device.put("runtimeVersion", status.path("runtimeVersion").asText());
        }
        ObjectNode packages = device.putObject("packages");
        for (Map.Entry<String, JsonNode> pkg : status.path("packages").properties()) {
            if (pkg.getValue().path("version").isTextual()) {
                packages.putObject(pkg.getKey()).put("version", pkg.getValue().path("version").asText());
            }
        }
        return Params.of(device);
    }

    private JsonNode run(String command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(installer);
        line.addAll(List.of(command, "--config", gatewayConfig.toString(), "--json"));
        InstallerLauncher.Running running = launchers.named("describe-" + command).start(line);
        StringBuilder out = new StringBuilder();
        int exit = running.follow(text -> out.append(text).append('\n'));
        try {
            JsonNode json = AgentJson.mapper().readTree(out.toString());
            if (json != null && json.isObject()) {
                return json;
            }
        } catch (IOException e) {
            // Said below, with the exit code and what the installer wrote on standard error.
        }
        throw new IOException("sup-installer " + command + " --json exited " + exit + " without a JSON object: "
                + running.stderrTail().strip());
    }
}
