package org.suptools.installer.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.suptools.installer.api.event.RequestInfo;
import org.suptools.installer.config.GatewayConfig;
import org.suptools.installer.config.GatewayConfigLoader;
import org.suptools.installer.event.InstallListener;
import org.suptools.installer.install.InstallOutcome;
import org.suptools.installer.install.InstallRequest;
import org.suptools.installer.install.Installer;
import org.suptools.installer.install.ProcessCommands;
import org.suptools.installer.process.ProcessRunner;
import org.suptools.installer.runtime.RuntimeControl;
import org.suptools.model.gateway.ConfigException;

/**
 * A gateway in a temporary directory: a runtime home {@code dwcore} with a few files, the default
 * state directory beside it, a trust store with the trusted test key, and {@code gateway.yaml}.
 * Its installer runs real commands; the runtime is whatever the test passes.
 */
public final class TestGateway {

    private final Path dir;
    private final Path home;
    private final Path configFile;
    private RuntimeControl runtime;

    private TestGateway(Path dir, RuntimeControl runtime) {
        this.dir = dir;
        this.home = dir.resolve("dwcore");
        this.configFile = dir.resolve("gateway.yaml");
        this.runtime = runtime;
    }

    /** The runtime section of the config: commands that do nothing (tests pass a fake runtime). */
    public static final String NO_RUNTIME = """
            runtime:
              start: [/bin/true]
              stop: [/bin/true]
              status: [/bin/true]
            """;

    /**
     * The runtime section for a runtime that is a marker file: start creates it, stop removes it,
     * status checks it. Real commands, cheap and quick.
     */
    public static String markerRuntime(Path marker) {
        String quoted = "'" + marker + "'";
        return "runtime:\n"
                + "  start: [sh, -c, \"touch " + quoted + "\"]\n"
                + "  stop: [sh, -c, \"rm -f " + quoted + "\"]\n"
                + "  status: [sh, -c, \"test -e " + quoted + "\"]\n"
                + "  healthWait: 5s\n";
    }

    /**
     * The runtime section for a runtime that, like a real one, reads its settings and its version
     * at start: start copies {@code conf/dwcore.user.properties} and {@code runtime/VERSION} (the
     * commands run in the runtime home) into {@code <runstate>/running}, which is then what the
     * running runtime loaded, and appends a line to {@code <runstate>/starts}; stop removes
     * {@code running}; status checks it. Real commands, cheap and quick.
     */
    public static String loadingRuntime(Path runstate) {
        String running = "'" + runstate.resolve("running") + "'";
        String loading = "'" + runstate.resolve("loading") + "'";
        String starts = "'" + runstate.resolve("starts") + "'";
        return "runtime:\n"
                + "  start: [sh, -c, \"cat conf/dwcore.user.properties runtime/VERSION > " + loading + " && mv "
                + loading + " " + running + " && echo start >> " + starts + "\"]\n"
                + "  stop: [sh, -c, \"rm -f " + running + "\"]\n"
                + "  status: [sh, -c, \"test -e " + running + "\"]\n"
                + "  healthWait: 5s\n";
    }

    /** What a {@link #loadingRuntime} started now would load from the runtime home. */
    public static String loadedSettings(Path home) throws IOException {
        return Files.readString(home.resolve("conf/dwcore.user.properties"))
                + Files.readString(home.resolve("runtime/VERSION"));
    }

    /** A gateway with the standard files and a config with {@code extraConfig} appended (YAML). */
    public static TestGateway create(Path dir, RuntimeControl runtime, String extraConfig) throws IOException {
        return create(dir, runtime, NO_RUNTIME, extraConfig);
    }

    /** A gateway with the standard files, the given runtime section and {@code extraConfig} appended. */
    public static TestGateway create(Path dir, RuntimeControl runtime, String runtimeSection, String extraConfig)
            throws IOException {
        TestGateway gateway = new TestGateway(dir, runtime);
        Path home = gateway.home;
        Files.createDirectories(home.resolve("conf"));
        Files.createDirectories(home.resolve("logs"));
        Files.createDirectories(home.resolve("runtime/bin"));
        Files.createDirectories(home.resolve("cache/tmp"));
        Files.createDirectories(home.resolve("data"));
        Files.writeString(home.resolve("conf/dwcore.properties"), "# base settings\ndw.name=gateway\n");
        Files.writeString(home.resolve("conf/dwcore.user.properties"),
                "# local overrides\ndw.http.port = 8080\n\n! keep this comment\ndw.debug: true\ndw.log.level INFO\n");
        Files.writeString(home.resolve("conf/app.conf"), "old app config\n");
        Files.writeString(home.resolve("runtime/VERSION"), "1.0.0\n");
        Files.writeString(home.resolve("runtime/bin/run.sh"), "#!/bin/sh\necho run\n");
        Files.writeString(home.resolve("cache/tmp/a.bin"), "cached");
        Files.writeString(home.resolve("cache/index"), "index");
        TestPackages.writePublicKey(dir.resolve("trust"), "ci", TestPackages.TRUSTED);
        Files.writeString(gateway.configFile, """
                runtimeHome: dwcore
                trust:
                  store: trust
                identity:
                  product: dw-gateway
                  os: linux
                  architecture: x86_64
                  runtimeVersion: 1.0.0
                  thingKey: gw-1
                """ + runtimeSection + extraConfig, StandardCharsets.UTF_8);
        return gateway;
    }

    public static TestGateway create(Path dir, RuntimeControl runtime) throws IOException {
        return create(dir, runtime, "");
    }

    public Path dir() {
        return dir;
    }

    public Path home() {
        return home;
    }

    public Path configFile() {
        return configFile;
    }

    public GatewayConfig config() {
        try {
            return GatewayConfigLoader.load(configFile);
        } catch (ConfigException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public Path stateDir() {
        return config().stateDir();
    }

    public Path logs() {
        return config().logsDir();
    }

    public Installer installer() {
        return new Installer(config(), runtime, new ProcessCommands(new ProcessRunner()), Clock.systemUTC());
    }

    public InstallOutcome install(Path sup) throws IOException {
        return install(sup, RequestInfo.manual(Optional.empty()));
    }

    public InstallOutcome install(Path sup, RequestInfo request, InstallListener... listeners) throws IOException {
        return installer().install(new InstallRequest(sup, request, false), List.of(listeners), Optional.empty());
    }

    /** The runtime home, without the runtime's own {@code logs} and {@code run} directories. */
    public TreeSnapshot snapshot() throws IOException {
        return TreeSnapshot.of(home, "logs", "run");
    }

    public String read(String relative) throws IOException {
        return Files.readString(home.resolve(relative));
    }
}
