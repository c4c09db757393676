package org.suptools.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.suptools.installer.api.client.InstallerLauncher;
import org.suptools.installer.api.client.InstallerProcess;

/**
 * The campaign half of {@code sup demo --campaign}, the seed's story: the portal emulator on its
 * embedded broker, three sandbox gateways each with its agent (the third of a product the package
 * does not target), the package uploaded to Developer Files, one {@code gateway.sup.update}
 * campaign over the three, and its member records. Every tool is a separate process run by its
 * launcher ({@code bin/sup-portal}, {@code bin/sup-agent}, {@code bin/sup-sandbox}); the portal is
 * read through its documented JSON, so the CLI depends on none of them.
 */
final class DemoCampaign {

    static final String PORTAL_LAUNCHER = "sup-portal";
    static final String AGENT_LAUNCHER = "sup-agent";
    /** The product the third gateway is: the sample package targets dw-gateway only. */
    static final String OTHER_PRODUCT = "other-gateway";
    static final List<String> GATEWAYS = List.of("gw-1", "gw-2", "gw-3");

    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration CAMPAIGN_TIMEOUT = Duration.ofMinutes(3);
    private static final long POLL_MILLIS = 250;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path bin;
    private final Path work;

    /** {@code bin}: the directory of the launchers; {@code work}: the demo's work directory. */
    DemoCampaign(Path bin, Path work) {
        this.bin = bin;
        this.work = work;
    }

    /** The launchers the campaign demo runs, those missing listed (empty when all are there). */
    List<Path> missingLaunchers() {
        return Stream.of(PORTAL_LAUNCHER, AGENT_LAUNCHER, DemoInstaller.SANDBOX_LAUNCHER, "sup-installer")
                .map(bin::resolve).filter(path -> !Files.isExecutable(path)).toList();
    }

    Path dir() {
        return work.resolve("campaign");
    }

    Path portalData() {
        return dir().resolve("portal");
    }

    DemoDaemon portal() {
        return new DemoDaemon(dir(), "portal", portalData().toAbsolutePath().toString());
    }

    DemoGateway gateway(String key) {
        return new DemoGateway(dir().resolve(key));
    }

    Path agentConfig(String key) {
        return gateway(key).dir().resolve("agent.yaml");
    }

    DemoDaemon agent(String key) {
        return new DemoDaemon(gateway(key).dir(), "agent", agentConfig(key).toAbsolutePath().toString());
    }

    /** Runs the story; returns the demo's exit code (0 when the campaign completed). */
    int demo(PrintWriter out, Path packageFile, Path publicKey, boolean stopAtEnd) throws IOException {
        out.println("The campaign, with " + bin.resolve(PORTAL_LAUNCHER) + " and " + bin.resolve(AGENT_LAUNCHER)
                + " (separate processes):");
        int stopped = stopAll();
        if (stopped > 0) {
            out.println("   stopped the portal, agents and sandbox runtimes of the previous run");
        }
        deleteTree(dir());
        Files.createDirectories(dir());
        try {
            return run(out, packageFile, publicKey, stopAtEnd);
        } catch (StepFailed failed) {
            out.println(failed.getMessage());
            out.print(DemoText.indent(failed.output));
            if (stopAtEnd) {
                stopAll();
            }
            out.flush();
            return failed.exitCode;
        }
    }

    private int run(PrintWriter out, Path packageFile, Path publicKey, boolean stopAtEnd) throws IOException {
        long start = System.nanoTime();
        List<InstallerLauncher.Running> sandboxes = new ArrayList<>();
        List<InstallerProcess> outputs = new ArrayList<>();
        for (String key : GATEWAYS) {
            InstallerProcess output = new InstallerProcess(dir(), "sandbox-" + key, STEP_TIMEOUT);
            outputs.add(output);
            sandboxes.add(output.start(List.of(launcher(DemoInstaller.SANDBOX_LAUNCHER),
                    gateway(key).dir().toAbsolutePath().toString(), "--trust", publicKey.toAbsolutePath().toString(),
                    "--thing-key", key, "--product", product(key))));
        }
        for (int i = 0; i < GATEWAYS.size(); i++) {
            int exit = follow(sandboxes.get(i));
            if (exit != 0) {
                throw new StepFailed("4. creating the sandbox gateway " + GATEWAYS.get(i) + " failed (exit " + exit
                        + "):", exit, outputs.get(i));
            }
        }
        out.println("4. three sandbox gateways, each with the sample runtime running, trusting " + publicKey + " ("
                + since(start) + "):");
        for (String key : GATEWAYS) {
            out.println("     " + key + "  " + product(key) + (OTHER_PRODUCT.equals(product(key))
                    ? "  (a product the package does not target)" : "") + "  " + gateway(key).config());
        }

        start = System.nanoTime();
        String data = portalData().toAbsolutePath().toString();
        SecureRandom random = new SecureRandom();
        for (String key : GATEWAYS) {
            byte[] token = new byte[16];
            random.nextBytes(token);
            Path tokenFile = gateway(key).dir().resolve("agent.token");
            Files.writeString(tokenFile, HexFormat.of().formatHex(token) + "\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
            portalTool("thing-add-" + key, "thing", "add", key, "--data", data, "--token",
                    Files.readString(tokenFile, StandardCharsets.UTF_8).strip(), "--app-id", appId(key));
        }
        String fileName = packageFile.getFileName().toString();
        portalTool("file-upload", "file", "upload", packageFile.toAbsolutePath().toString(), "--data", data);
        String campaign = portalTool("campaign-create", "campaign", "create", "sup-demo", "--data", data, "--file",
                fileName, "--things", String.join(",", GATEWAYS)).strip();
        out.println("5. portal data " + portalData() + " (" + since(start) + "): things " + String.join(", ", GATEWAYS)
                + " with app tokens, " + fileName + " in Developer Files, campaign " + campaign
                + " (gateway.sup.update) over the three");

        start = System.nanoTime();
        Process portal = portal().start(List.of(launcher(PORTAL_LAUNCHER), "serve", "--data", data,
                "--mqtt-port", "0", "--http-port", "0"));
        JsonNode serving = awaitServing(portal);
        String mqtt = serving.path("mqtt").asText();
        String http = serving.path("http").asText();
        out.println("6. portal emulator serving (" + since(start) + ", pid " + portal.pid() + "): embedded MQTT broker "
                + mqtt + ", files and JSON API " + http);
        String console = serving.path("console").asText();
        // Named under the portal data directory as the demo names it (relative when --dir is).
        String consoleToken = portalData().resolve(Path.of(serving.path("consoleTokenFile").asText()).getFileName())
                .toString();
        out.println("   web console " + console + " (admin token in " + consoleToken + ")");

        start = System.nanoTime();
        List<String> agentPids = new ArrayList<>();
        for (String key : GATEWAYS) {
            writeAgentConfig(key, mqtt, http);
            agentPids.add(key + " pid " + agent(key).start(List.of(launcher(AGENT_LAUNCHER), "run", "--config",
                    agentConfig(key).toAbsolutePath().toString())).pid());
        }
        out.println("7. an agent on each gateway: " + launcher(AGENT_LAUNCHER).replace(
                bin.toAbsolutePath().toString(), bin.toString()) + " run --config <gateway>/agent.yaml ("
                + String.join(", ", agentPids) + ")");

        start = System.nanoTime();
        portalTool("campaign-start", "campaign", "start", campaign, "--data", data);
        out.println("8. campaign " + campaign + " started: each gateway's mailbox gets gateway.sup.update "
                + fileName.replaceFirst("\\.sup$", "") + "; its agent downloads the file, runs sup-installer and acks");
        out.flush();
        DemoCampaignRecords records = awaitCompleted(portal, http, campaign,
                Path.of(serving.path("consoleTokenFile").asText()));
        out.println("   " + (records.completed() ? "completed" : "NOT completed (" + records.state() + ")") + " after "
                + since(start) + ": " + records.succeeded() + " success, " + records.failed() + " failure");
        out.println();
        printRecords(out, records);
        printWhere(out);

        if (stopAtEnd) {
            stopAll();
            out.println("The agents, the portal and the sandbox runtimes are stopped (--stop).");
        } else {
            out.println("The portal, the agents and the sandbox runtimes are still running; try:");
            out.println("  " + bin.resolve(PORTAL_LAUNCHER) + " campaign status " + campaign + " --data "
                    + portalData());
            out.println("  curl -H \"Authorization: Bearer $(cat " + consoleToken + ")\" " + http + "/api/things/gw-1");
            out.println("  open " + console + " in a browser, signed in with the token in " + consoleToken);
            out.println("  " + bin.resolve(AGENT_LAUNCHER) + " status --config " + agentConfig("gw-1"));
            out.println("Stop them all with (a new run of the demo stops them first):");
            out.println("  " + bin.resolve("sup") + " demo --stop-only --dir " + work);
        }
        out.flush();
        return records.completed() ? 0 : 1;
    }

    private void printRecords(PrintWriter out, DemoCampaignRecords records) {
        out.println("Member records (" + bin.resolve(PORTAL_LAUNCHER) + " campaign status " + records.id()
                + " --data " + portalData() + " --json):");
        for (DemoCampaignRecords.Member member : records.members()) {
            String line = String.format(Locale.ROOT, "  %-6s %-18s %-11s %-8s%s", member.thingKey(),
                    member.mailboxId(), member.status(), member.result(), member.succeeded()
                            || member.result().isEmpty() ? "" : "  " + member.errorCode() + "  " + member.errorMessage());
            out.println(line.stripTrailing());
        }
        out.println();
    }

    private void printWhere(PrintWriter out) throws IOException {
        out.println("Where the files are:");
        out.println("  portal data      " + portalData() + "  (output: " + portal().out() + ", " + portal().err() + ")");
        for (String key : GATEWAYS) {
            DemoGateway gateway = gateway(key);
            out.println("  " + key + " confirmation  " + gateway.reports().confirmation());
            out.println("  " + key + " audit log     " + gateway.reports().auditLog());
            out.println("  " + key + " agent         " + agentConfig(key) + ", log " + agent(key).out() + ", state "
                    + gateway.dir().resolve("agent-state"));
        }
        out.println();
    }

    private void writeAgentConfig(String key, String mqtt, String http) throws IOException {
        Files.writeString(agentConfig(key), String.join("\n",
                "# The demo's agent for " + key + ": the portal emulator's embedded broker and file endpoint.",
                "thingKey: " + key,
                "appId: " + appId(key),
                "appTokenFile: agent.token",
                "broker: " + mqtt,
                "topicPrefix: sup",
                "fileEndpoint: " + http,
                "gatewayConfig: gateway.yaml",
                "installer: [" + quoted(launcher("sup-installer")) + "]",
                "stateDir: agent-state",
                "checkPeriod: 5m",
                ""), StandardCharsets.UTF_8);
    }

    private static String quoted(String path) {
        return "'" + path.replace("'", "''") + "'";
    }

    /** serve.json appears once the portal listens; the portal ending first is a failure. */
    private JsonNode awaitServing(Process portal) throws IOException {
        Path serveJson = portalData().resolve("serve.json");
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (Files.isRegularFile(serveJson)) {
                try {
                    return MAPPER.readTree(serveJson.toFile());
                } catch (IOException e) {
                    // Written by rename, so complete once there; an unreadable one is read again.
                }
            }
            if (!portal.isAlive()) {
                throw new StepFailed("6. the portal emulator ended (exit " + portal.exitValue() + ") before serving:",
                        2, portal().out(), portal().err());
            }
            pause();
        }
        throw new StepFailed("6. the portal emulator did not serve within " + STEP_TIMEOUT.toSeconds() + " s:", 1,
                portal().out(), portal().err());
    }

    /** Polls the portal's JSON API until every member completed (or the portal ended, or time ran out). */
    private DemoCampaignRecords awaitCompleted(Process portal, String http, String campaign, Path adminTokenFile)
            throws IOException {
        URI uri = URI.create(http + "/api/campaigns/" + campaign);
        String adminToken = Files.readString(adminTokenFile, StandardCharsets.UTF_8).strip();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + CAMPAIGN_TIMEOUT.toNanos();
        DemoCampaignRecords records = null;
        while (true) {
            if (!portal.isAlive()) {
                throw new StepFailed("8. the portal emulator ended (exit " + portal.exitValue() + ") during the "
                        + "campaign:", 1, portal().out(), portal().err());
            }
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri)
                        .header("Authorization", "Bearer " + adminToken).timeout(Duration.ofSeconds(10)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    records = DemoCampaignRecords.parse(response.body(), uri.toString());
                }
            } catch (InterruptedException e) {
                throw interrupted();
            }
            if (records != null && (records.completed() || System.nanoTime() - deadline > 0)) {
                return records;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new StepFailed("8. the portal's API " + uri + " gave no campaign within "
                        + CAMPAIGN_TIMEOUT.toSeconds() + " s", 1);
            }
            pause();
        }
    }

    /**
     * Stops what a run left: the agents first (so none reports to a portal going away), the
     * portal, then the sandbox runtimes. Returns how many it stopped.
     */
    int stopAll() throws IOException {
        List<DemoDaemon.Stopping> agents = new ArrayList<>();
        for (String key : GATEWAYS) {
            agent(key).beginStop().ifPresent(agents::add);
        }
        for (DemoDaemon.Stopping agent : agents) {
            agent.await();
        }
        int stopped = agents.size();
        stopped += portal().stop() ? 1 : 0;
        for (String key : GATEWAYS) {
            stopped += gateway(key).stopRuntimeIfRunning() ? 1 : 0;
        }
        return stopped;
    }

    private String portalTool(String name, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(launcher(PORTAL_LAUNCHER));
        command.addAll(List.of(arguments));
        InstallerProcess output = new InstallerProcess(dir(), "portal-" + name, STEP_TIMEOUT);
        int exit = follow(output.start(command));
        if (exit != 0) {
            throw new StepFailed("sup-portal " + String.join(" ", arguments) + " failed (exit " + exit + "):", exit,
                    output);
        }
        return Files.readString(output.out(), StandardCharsets.UTF_8);
    }

    private int follow(InstallerLauncher.Running running) throws IOException {
        try {
            return running.follow(line -> { });
        } catch (InterruptedException e) {
            throw interrupted();
        }
    }

    private String launcher(String name) {
        return bin.resolve(name).toAbsolutePath().toString();
    }

    static String product(String key) {
        return key.equals(GATEWAYS.get(GATEWAYS.size() - 1)) ? OTHER_PRODUCT : "dw-gateway";
    }

    private static String appId(String key) {
        return "app-" + key;
    }

    private static String since(long startNanos) {
        return DemoText.seconds(Duration.ofNanos(System.nanoTime() - startNanos));
    }

    private static void pause() throws InterruptedIOException {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            throw interrupted();
        }
    }

    private static InterruptedIOException interrupted() {
        Thread.currentThread().interrupt();
        return new InterruptedIOException("interrupted during the campaign demo");
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** A step that failed: what to print, the exit code, and the step's output. */
    private static final class StepFailed extends IOException {

        private final int exitCode;
        private final String output;

        StepFailed(String message, int exitCode, Path... outputs) throws IOException {
            super(message);
            this.exitCode = exitCode == 0 ? 1 : exitCode;
            StringBuilder text = new StringBuilder();
            for (Path file : outputs) {
                if (Files.isRegularFile(file)) {
                    text.append(Files.readString(file, StandardCharsets.UTF_8));
                }
            }
            this.output = text.toString();
        }

        StepFailed(String message, int exitCode, InstallerProcess output) throws IOException {
            this(message, exitCode, output.out(), output.err());
        }
    }
}
