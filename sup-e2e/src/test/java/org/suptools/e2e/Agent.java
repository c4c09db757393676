package org.suptools.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.suptools.e2e.Launchers.ROOT;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.suptools.e2e.Launchers.Result;

/**
 * A sandbox gateway with its agent: {@code bin/sup-sandbox} made the gateway (a running sample
 * runtime), and {@code bin/sup-agent run} is its daemon, a separate process talking to the portal
 * over MQTT. Closing it stops the daemon and the runtime, whatever state they are in.
 */
final class Agent implements AutoCloseable {

    private final Portal.Thing thing;
    private final Path dir;
    private final Path config;
    private Process daemon;
    private Portal portalOfConfig;

    private Agent(Portal.Thing thing, Path dir) {
        this.thing = thing;
        this.dir = dir;
        this.config = dir.resolve("agent.yaml");
    }

    /** Makes the sandbox gateway {@code dir/gateway} trusting the key and writes the agent's config; starts nothing else. */
    static Agent onSandbox(Portal.Thing thing, Path dir, Path publicKey, Portal portal, String... sandboxOptions)
            throws Exception {
        Agent agent = prepare(thing, dir, portal);
        agent.makeSandbox(publicKey, sandboxOptions);
        return agent;
    }

    /** Writes the agent's config in {@code dir}; the gateway is made by {@link #makeSandbox}. */
    static Agent prepare(Portal.Thing thing, Path dir, Portal portal) throws IOException {
        Agent agent = new Agent(thing, dir);
        Files.createDirectories(dir);
        agent.writeConfig(portal, thing.token());
        return agent;
    }

    /** {@code bin/sup-sandbox dir/gateway --trust publicKey --thing-key KEY [options]}: a gateway, its runtime running. */
    void makeSandbox(Path publicKey, String... sandboxOptions) throws Exception {
        String[] options = new String[sandboxOptions.length + 1];
        options[0] = "--thing-key=" + thing.key();
        System.arraycopy(sandboxOptions, 0, options, 1, sandboxOptions.length);
        Launchers.sandbox(Launchers.QUICK_JIT, dir.resolve("gateway"), publicKey, options);
    }

    /** Writes agent.yaml for the portal's broker and file endpoint, with this app token. */
    void writeConfig(Portal portal, String token) throws IOException {
        writeConfig(portal, token, portal.http());
    }

    /** Fetches files through another endpoint (a relay that counts the bytes). */
    void useFileEndpoint(java.net.URI endpoint) throws IOException {
        writeConfig(portalOfConfig, thing.token(), endpoint);
    }

    private void writeConfig(Portal portal, String token, java.net.URI fileEndpoint) throws IOException {
        this.portalOfConfig = portal;
        Files.writeString(dir.resolve("token"), token + "\n", StandardCharsets.UTF_8);
        Files.writeString(config, String.join("\n",
                "thingKey: " + thing.key(),
                "appId: " + thing.appId(),
                "appTokenFile: token",
                "broker: tcp://127.0.0.1:" + portal.mqtt().getPort(),
                "topicPrefix: " + Portal.BASE,
                "fileEndpoint: " + fileEndpoint,
                "gatewayConfig: gateway/gateway.yaml",
                "stateDir: agent-state",
                "checkPeriod: 5m",
                ""), StandardCharsets.UTF_8);
    }

    Portal.Thing thing() {
        return thing;
    }

    String key() {
        return thing.key();
    }

    Path home() {
        return dir.resolve("gateway/dwcore");
    }

    Path stateDir() {
        return dir.resolve("agent-state");
    }

    /** Starts {@code bin/sup-agent run}; its output is appended to {@code agent.log}. */
    Agent start() throws IOException {
        daemon = new ProcessBuilder(ROOT.resolve("bin/sup-agent").toString(), "run", "--config", config.toString())
                .directory(ROOT.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
        return this;
    }

    /** {@code bin/sup-agent once}: one cycle, then exit. */
    Result once(int connectTimeoutSeconds) throws Exception {
        return once(connectTimeoutSeconds, Map.of());
    }

    /** {@link #once(int)} with these variables added to the agent's environment, and so to its installer's. */
    Result once(int connectTimeoutSeconds, Map<String, String> environment) throws Exception {
        return Launchers.run(environment, ROOT.resolve("bin/sup-agent"), "once", "--config", config.toString(),
                "--connect-timeout", String.valueOf(connectTimeoutSeconds));
    }

    /** Adds lines to agent.yaml (such as {@code checkForUpdates: true}). */
    void configure(String... lines) throws IOException {
        Files.writeString(config, String.join("\n", lines) + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
    }

    /** {@code bin/sup-agent MODE --config agent.yaml}: a run mode (check, download, install). */
    Result mode(String mode) throws Exception {
        return Launchers.run(Launchers.QUICK_JIT, ROOT.resolve("bin/sup-agent"), mode, "--config", config.toString());
    }

    Path gatewayConfig() {
        return dir.resolve("gateway/gateway.yaml");
    }

    /** SIGKILL: no shutdown hook, no flush, as a power cut. */
    void kill() throws InterruptedException {
        daemon.destroyForcibly();
        assertThat(daemon.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    /**
     * A power cut: SIGKILL to the agent and to every process it started (the installer and what an
     * action of it runs) at once, so none of them can react to another's end. Returns the command
     * lines of those processes, read just before.
     */
    List<String> powerCut() throws InterruptedException {
        List<ProcessHandle> children = daemon.descendants().toList();
        List<String> commandLines = children.stream().map(p -> p.info().commandLine().orElse("?")).toList();
        daemon.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        assertThat(daemon.waitFor(10, TimeUnit.SECONDS)).isTrue();
        for (ProcessHandle child : children) {
            try {
                child.onExit().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new AssertionError("process " + child.pid() + " outlived the power cut", e);
            }
        }
        return commandLines;
    }

    boolean running() {
        return daemon != null && daemon.isAlive();
    }

    Path log() {
        return dir.resolve("agent.log");
    }

    String output() throws IOException {
        return Files.isRegularFile(log()) ? Files.readString(log(), StandardCharsets.UTF_8) : "";
    }

    /** {@code bin/sup-agent status --json}: read from the state directory. */
    JsonNode status() throws Exception {
        Result status = Launchers.run(ROOT.resolve("bin/sup-agent"), "status", "--config", config.toString(), "--json");
        assertThat(status.exit()).as(status.output()).isZero();
        return InstallReport.JSON.readTree(status.output().substring(status.output().indexOf('{')));
    }

    @Override
    public void close() throws Exception {
        try {
            if (daemon != null && daemon.isAlive()) {
                daemon.destroy();
                if (!daemon.waitFor(15, TimeUnit.SECONDS)) {
                    daemon.destroyForcibly();
                    daemon.waitFor(5, TimeUnit.SECONDS);
                }
            }
        } finally {
            Launchers.stopRuntime(home());
            // An installer the agent started may still run (a test that killed the agent mid-install).
            for (ProcessHandle p : Launchers.runtimesUnder(dir)) {
                p.destroyForcibly();
            }
        }
    }
}
