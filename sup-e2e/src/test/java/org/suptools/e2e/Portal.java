package org.suptools.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.suptools.e2e.Launchers.ROOT;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.suptools.e2e.Launchers.Result;

/**
 * The portal emulator as a user runs it: {@code bin/sup-portal serve} in its own process, on mosquitto
 * (started here on a free port with the files {@code sup-portal mosquitto-config} writes) when
 * {@link #MOSQUITTO} is installed, on its embedded broker otherwise. The things are added before it
 * starts, so mosquitto's password and ACL files hold them all. Closing it stops every process it started.
 */
final class Portal implements AutoCloseable {

    /** The broker binary; -Dsup.e2e.mosquitto=PATH names another (a missing one shows the fallback). */
    static final Path MOSQUITTO = Path.of(System.getProperty("sup.e2e.mosquitto", "/usr/sbin/mosquitto"));

    /** How long a campaign, a start or a connection may take before a test gives up waiting. */
    static final Duration DEADLINE = Duration.ofSeconds(90);

    static final String BASE = "sup";

    /** A thing the portal knows: its key, app id and app token. */
    record Thing(String key, String appId, String token) {

        static Thing named(String key) {
            return new Thing(key, "app-" + key, "token-" + key);
        }
    }

    private final Path data;
    private final Path work;
    private final List<String> serveOptions;
    private Process mosquitto;
    private int mosquittoPort;
    private Process serve;
    private URI mqtt;
    private URI http;
    private final HttpClient client = HttpClient.newHttpClient();

    private Portal(Path work, List<String> serveOptions) {
        this.work = work;
        this.data = work.resolve("portal");
        this.serveOptions = List.copyOf(serveOptions);
    }

    /** True when the tests run on mosquitto; the test names say which broker they ran on. */
    static boolean onMosquitto() {
        return Files.isExecutable(MOSQUITTO);
    }

    /** Where the scenarios run, for the display names: never a silent change of broker. */
    static String where() {
        return onMosquitto() ? "on mosquitto" : "on the embedded broker: " + MOSQUITTO + " is absent";
    }

    /** Adds the things, then starts the broker and {@code sup-portal serve} with these further options (faults). */
    static Portal start(Path work, List<Thing> things, String... serveOptions) throws Exception {
        Portal portal = new Portal(work, List.of(serveOptions));
        try {
            // One process for the whole fleet, as an operator would add it.
            Path list = Files.createDirectories(work).resolve("things.txt");
            Files.write(list, things.stream().map(t -> t.key() + " " + t.appId() + " " + t.token()).toList());
            portal.run("thing", "import", list.toString(), "--data", portal.data.toString());
            if (onMosquitto()) {
                portal.startMosquitto();
            }
            portal.serve();
            return portal;
        } catch (Exception | AssertionError e) {
            portal.close();
            throw e;
        }
    }

    URI mqtt() {
        return mqtt;
    }

    URI http() {
        return http;
    }

    Path data() {
        return data;
    }

    /** The password of the portal's own MQTT user, which may read every thing's topics. */
    String portalPassword() throws IOException {
        return InstallReport.JSON.readTree(data.resolve("portal-credentials.json").toFile()).path("password").asText();
    }

    /** {@code sup-portal file upload FILE --name NAME}: a Developer File. */
    void upload(Path file, String name) throws Exception {
        run("file", "upload", file.toString(), "--data", data.toString(), "--name", name);
    }

    /** {@code sup-portal release publish NAME --policy EXPR}: an uploaded Developer File offered to update.check. */
    void publishRelease(String fileName, String policy) throws Exception {
        run("release", "publish", fileName, "--data", data.toString(), "--policy", policy);
    }

    /** {@code campaign create} then {@code campaign start}; returns the campaign's id. */
    String startCampaign(String name, String fileName, List<String> thingKeys) throws Exception {
        Result create = run("campaign", "create", name, "--data", data.toString(), "--file", fileName, "--things",
                String.join(",", thingKeys));
        String id = create.output().lines().reduce((a, b) -> b).orElseThrow().strip();
        run("campaign", "start", id, "--data", data.toString());
        return id;
    }

    /** {@code campaign status ID --json}, from the command line as a user reads it. */
    JsonNode statusFromCli(String id) throws Exception {
        Result status = run("campaign", "status", id, "--data", data.toString(), "--json");
        return InstallReport.JSON.readTree(status.output().substring(status.output().indexOf('{')));
    }

    /** {@code GET /api/campaigns/ID}: the same record, from the running portal. */
    JsonNode campaign(String id) throws Exception {
        return api("/api/campaigns/" + id);
    }

    /** {@code GET /api/things/KEY}: the thing with its mailbox and its last log lines. */
    JsonNode thing(String key) throws Exception {
        return api("/api/things/" + key);
    }

    /** A GET of the portal's JSON API with the admin token {@code serve} keeps in the data directory. */
    private JsonNode api(String path) throws Exception {
        String token = Files.readString(data.resolve("console-token"), StandardCharsets.UTF_8).strip();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(http.resolve(path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return InstallReport.JSON.readTree(response.body());
    }

    /** Polls the campaign until the condition holds; fails with the last record after the deadline. */
    JsonNode awaitCampaign(String id, Predicate<JsonNode> condition, String what) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        JsonNode last = campaign(id);
        while (!condition.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("campaign " + id + " never " + what + " within " + DEADLINE.toSeconds()
                        + " s:\n" + last.toPrettyString() + "\nportal output:\n" + serveOutput());
            }
            Thread.sleep(100);
            last = campaign(id);
        }
        return last;
    }

    /** Waits for the campaign to be completed: every member acked. */
    JsonNode awaitCompleted(String id) throws Exception {
        return awaitCampaign(id, c -> c.path("state").asText().equals("Completed"), "completed");
    }

    /** The member record of one thing in a campaign record. */
    static JsonNode member(JsonNode campaign, String thingKey) {
        for (JsonNode member : campaign.path("members")) {
            if (member.path("thingKey").asText().equals(thingKey)) {
                return member;
            }
        }
        throw new AssertionError("no member " + thingKey + " in " + campaign.toPrettyString());
    }

    /** Stops the broker (mosquitto, or the portal with its embedded broker); {@link #restartBroker} starts it again. */
    void stopBroker() throws Exception {
        if (mosquitto != null) {
            stop(mosquitto);
            mosquitto = null;
        } else {
            stop(serve);
            serve = null;
        }
    }

    void restartBroker() throws Exception {
        if (onMosquitto()) {
            launchMosquitto();
        } else {
            serve();
        }
    }

    String serveOutput() throws IOException {
        Path log = work.resolve("serve.log");
        return Files.isRegularFile(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    private void startMosquitto() throws Exception {
        mosquittoPort = freePort();
        Path conf = work.resolve("mosquitto");
        run("mosquitto-config", "--data", data.toString(), "--out", conf.toString(), "--port",
                String.valueOf(mosquittoPort), "--listen", "127.0.0.1", "--base", BASE);
        // Started as root, mosquitto would switch to its own user, who cannot read this private
        // temporary directory; as any other user the line is ignored.
        // Sessions are kept across a restart of mosquitto, as a production broker keeps them: the
        // portal's session (and its subscriptions) lives on, so requests sent while the portal is
        // reconnecting are queued for it (the broker-restart scenario). The later line wins.
        Files.writeString(conf.resolve("mosquitto.conf"), "user root\npersistence true\npersistence_location "
                + Files.createDirectories(conf.resolve("db")) + "/\n", StandardOpenOption.APPEND);
        launchMosquitto();
    }

    private void launchMosquitto() throws Exception {
        Path conf = work.resolve("mosquitto");
        mosquitto = new ProcessBuilder(MOSQUITTO.toString(), "-c", conf.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("mosquitto.log").toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), mosquittoPort), 200);
                return;
            } catch (IOException notYet) {
                if (!mosquitto.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("mosquitto did not listen on " + mosquittoPort + ": "
                            + Files.readString(work.resolve("mosquitto.log")));
                }
                Thread.sleep(50);
            }
        }
    }

    private void serve() throws Exception {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("bin/sup-portal").toString(), "serve", "--data",
                data.toString(), "--http-port", http == null ? "0" : String.valueOf(http.getPort()), "--base", BASE));
        if (mosquitto != null) {
            command.addAll(List.of("--broker", "tcp://127.0.0.1:" + mosquittoPort));
        } else {
            command.addAll(List.of("--mqtt-port", mqtt == null ? "0" : String.valueOf(mqtt.getPort())));
        }
        command.addAll(serveOptions);
        Path serveFile = data.resolve("serve.json");
        Files.deleteIfExists(serveFile);
        serve = new ProcessBuilder(command).directory(ROOT.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("serve.log").toFile())).start();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!Files.isRegularFile(serveFile)) {
            if (!serve.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("sup-portal serve did not start:\n" + serveOutput());
            }
            Thread.sleep(50);
        }
        JsonNode where = InstallReport.JSON.readTree(serveFile.toFile());
        mqtt = URI.create(where.path("mqtt").asText());
        http = URI.create(where.path("http").asText());
    }

    private Result run(String... args) throws Exception {
        Result result = Launchers.run(Launchers.QUICK_JIT, ROOT.resolve("bin/sup-portal"), args);
        assertThat(result.exit()).as(result.output()).isZero();
        return result;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void stop(Process process) throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** Stops the portal and the broker, whatever state they are in. */
    @Override
    public void close() throws InterruptedException {
        stop(serve);
        stop(mosquitto);
    }

    Optional<Process> mosquittoProcess() {
        return Optional.ofNullable(mosquitto);
    }
}
