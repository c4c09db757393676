package org.suptools.agent.ota;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.suptools.agent.store.AgentJson;
import org.suptools.agent.update.InstallStep;
import org.suptools.installer.api.client.InstallerLauncher;
import org.suptools.model.version.SemVer;

/**
 * The version the agent posts to the version URL, from {@code sup-installer status --json} (the
 * installer's stable account of the gateway): the installed version of {@code packageName}
 * ({@code 0.0.0} while it is not installed), else the runtime version.
 */
public final class InstalledVersion {

    /** What a package not installed yet posts: any offered version is newer. */
    public static final String NOT_INSTALLED = "0.0.0";

    private final List<String> installer;
    private final Path gatewayConfig;
    private final InstallStep.Launchers launchers;
    private final Optional<String> packageName;

    public InstalledVersion(List<String> installer, Path gatewayConfig, InstallStep.Launchers launchers,
            Optional<String> packageName) {
        this.installer = List.copyOf(installer);
        this.gatewayConfig = gatewayConfig;
        this.launchers = launchers;
        this.packageName = packageName;
    }

    /** @throws IOException when the installer cannot be run or its answer read */
    public String current() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(installer);
        command.addAll(List.of("status", "--config", gatewayConfig.toString(), "--json"));
        StringBuilder out = new StringBuilder();
        InstallerLauncher.Running running = launchers.named("status").start(command);
        int exit = running.follow(line -> out.append(line).append('\n'));
        if (exit != 0) {
            throw new IOException("sup-installer status exited " + exit + ": " + running.stderrTail().strip());
        }
        JsonNode status = AgentJson.mapper().readTree(out.toString());
        String version = packageName.map(name -> status.path("packages").path(name).path("version").asText(
                NOT_INSTALLED)).orElseGet(() -> status.path("runtimeVersion").asText(""));
        try {
            return SemVer.parse(version).toString();
        } catch (IllegalArgumentException e) {
            throw new IOException("sup-installer status --json gave no version" + packageName.map(n -> " of " + n)
                    .orElse(" of the runtime") + ": '" + version + "'");
        }
    }
}
