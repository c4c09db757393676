package org.suptools.agent.manage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.agent.AgentLog;
import org.suptools.agent.config.ManageConfig;
import org.suptools.agent.store.AgentJson;
import org.suptools.agent.update.InstallGate;
import org.suptools.tr50.http.StallGuard;

/**
 * The management endpoint, served for real over HTTPS on localhost, with an installer the test
 * drives line by line: the client pins the endpoint's certificate by its fingerprint as the
 * Workbench does.
 */
class ManageServerTest {

    static final String TOKEN = "0123456789abcdef0123456789abcdef";
    static final long WAIT_SECONDS = 30;

    @TempDir
    Path dir;

    final ScriptedRuns installer = new ScriptedRuns();
    final InstallGate gate = new InstallGate();
    final BlockingQueue<String> log = new LinkedBlockingQueue<>();
    final List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
    final AgentLog agentLog = line -> {
        logged.add(line);
        log.add(line);
    };
    final FakeClock clock = new FakeClock();
    final StallGuard guard = new StallGuard(StallGuard.Limits.DEFAULT, clock);
    ManageServer server;
    Path runsDir;

    @BeforeEach
    void start() throws IOException {
        Path fakeInstaller = dir.resolve("sup-installer");
        Files.writeString(fakeInstaller, """
                #!/bin/sh
                # status --config FILE --json, as the real installer answers it
                echo '{"runtimeHome": "/opt/dw/dwcore", "runtimeVersion": "5.1.0", "packages": \
                {"acme-config": {"version": "1.4.0", "installedAt": "2026-11-30T10:00:00Z"}}}'
                """);
        fakeInstaller.toFile().setExecutable(true);
        runsDir = dir.resolve("state/manage/runs");
        ManualRuns runs = new ManualRuns(runsDir, installer, List.of(fakeInstaller.toString()),
                dir.resolve("gateway.yaml"), gate, agentLog, Clock.systemUTC());
        server = ManageServer.start(new ManageConfig("127.0.0.1", 0, Optional.of(TOKEN), Optional.empty(), 1 << 20),
                dir.resolve("state/manage"), runs, List.of(fakeInstaller.toString()), dir.resolve("gateway.yaml"),
                dir.resolve("state/manage"), "gw-1", agentLog, guard);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void gateway_showsIdentityAndInstalledPackages() throws Exception {
        HttpsURLConnection get = open("/v1/gateway", TOKEN);

        assertThat(get.getResponseCode()).isEqualTo(200);
        JsonNode body = AgentJson.mapper().readTree(get.getInputStream());
        assertThat(body.path("thingKey").asText()).isEqualTo("gw-1");
        assertThat(body.path("certificateSha256").asText()).isEqualTo(server.fingerprint());
        assertThat(body.path("busy").asBoolean()).isFalse();
        assertThat(body.path("status").path("packages").path("acme-config").path("version").asText())
                .isEqualTo("1.4.0");
    }

    @Test
    void apply_streamsTheInstallersEventsAsTheyComeAndEndsWithTheResult() throws Exception {
        installer.succeedingInstall("install-1");

        HttpsURLConnection post = upload("/v1/runs?name=demo.sup", TOKEN, bytes(5000));

        assertThat(post.getResponseCode()).isEqualTo(200);
        assertThat(post.getContentType()).isEqualTo(ManageServer.NDJSON);
        List<JsonNode> stream = readAll(post.getInputStream());
        assertThat(stream.get(0).path("run").path("fileName").asText()).isEqualTo("demo.sup");
        assertThat(stream.get(0).path("run").path("size").asLong()).isEqualTo(5000);
        assertThat(stream.subList(1, 7)).extracting(n -> n.path("n").asInt()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(stream.get(6).path("line").asText()).contains("\"event\":\"finished\"");
        JsonNode end = stream.get(7).path("end");
        assertThat(end.path("exitCode").asInt()).isZero();
        assertThat(end.path("installId").asText()).isEqualTo("install-1");
        List<String> command = installer.commands.get(0);
        assertThat(command).contains("install", "--events").doesNotContain("--campaign-id", "--mailbox-id",
                "--tr50-reply", "--dry-run");
        assertThat(Path.of(command.get(command.indexOf("install") + 1))).hasSize(5000);
        assertThat(logLine("ended with exit code 0")).contains("manual install");
        assertThat(logged).anyMatch(line -> line.contains("not reported to any campaign"));
    }

    @Test
    void dryRun_asksTheInstallerForADryRun() throws Exception {
        installer.put(ScriptedRuns.started("install-2"));
        installer.put("EXIT 0");

        HttpsURLConnection post = upload("/v1/runs?name=demo.sup&dryRun=true", TOKEN, bytes(10));

        assertThat(readAll(post.getInputStream())).last().satisfies(n -> assertThat(n.has("end")).isTrue());
        assertThat(installer.commands.get(0)).contains("--dry-run");
    }

    @Test
    void wrongToken_isRefusedWith401AndNothingIsWritten() throws Exception {
        installer.succeedingInstall("install-1");

        HttpsURLConnection post = upload("/v1/runs?name=demo.sup", "not-the-token-not-the-token", bytes(100));
        HttpsURLConnection none = open("/v1/gateway", null);

        assertThat(post.getResponseCode()).isEqualTo(401);
        assertThat(post.getHeaderField("WWW-Authenticate")).startsWith("Bearer");
        assertThat(none.getResponseCode()).isEqualTo(401);
        assertThat(installer.commands).isEmpty();
        assertThat(filesUnder(runsDir)).isEmpty();
    }

    @Test
    void droppedUpload_leavesTheGatewayUnchanged() throws Exception {
        installer.succeedingInstall("install-1");
        try (SSLSocket socket = (SSLSocket) pinned().getSocketFactory().createSocket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/runs?name=demo.sup HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
                    + "\r\nContent-Length: 100000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes(30000));
            out.flush();
        }

        assertThat(logLine("was dropped")).contains("nothing kept").contains("30000 of 100000");
        assertThat(installer.commands).as("nothing installed").isEmpty();
        assertThat(filesUnder(runsDir)).as("no partial file left").isEmpty();
        assertThat(gate.busy()).isFalse();
    }

    @Test
    void droppedConnectionDuringTheInstall_theInstallGoesOn_andItsResultIsReadOnReconnect() throws Exception {
        installer.put(ScriptedRuns.started("install-3"));
        HttpsURLConnection post = upload("/v1/runs?name=demo.sup", TOKEN, bytes(2000));
        BufferedReader reader = new BufferedReader(new InputStreamReader(post.getInputStream(), StandardCharsets.UTF_8));
        String runId = AgentJson.mapper().readTree(reader.readLine()).path("run").path("id").asText();
        assertThat(AgentJson.mapper().readTree(reader.readLine()).path("n").asInt()).isZero();

        post.disconnect();
        installer.succeedingInstall("install-3");

        assertThat(logLine("ended with exit code 0")).contains(runId);
        assertThat(installer.stopped).as("the installer was left to finish").isFalse();
        List<JsonNode> again = readAll(open("/v1/runs/" + runId + "/events?from=1", TOKEN).getInputStream());
        assertThat(again.get(1).path("n").asInt()).isEqualTo(1);
        assertThat(again.get(again.size() - 2).path("line").asText()).contains("\"event\":\"finished\"");
        assertThat(again.get(again.size() - 1).path("end").path("exitCode").asInt()).isZero();
        JsonNode summary = AgentJson.mapper().readTree(open("/v1/runs/" + runId, TOKEN).getInputStream());
        assertThat(summary.path("end").path("installId").asText()).isEqualTo("install-3");
    }

    @Test
    void secondUploadWhileAnInstallRuns_isRefusedWith409_andNotKept() throws Exception {
        installer.put(ScriptedRuns.started("install-4"));
        HttpsURLConnection first = upload("/v1/runs?name=demo.sup", TOKEN, bytes(10));
        BufferedReader reader = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8));
        reader.readLine();

        HttpsURLConnection second = upload("/v1/runs?name=other.sup", TOKEN, bytes(10));

        assertThat(second.getResponseCode()).isEqualTo(409);
        try (Stream<Path> runs = Files.list(runsDir)) {
            assertThat(runs.toList()).hasSize(1);
        }
        installer.put("EXIT 0");
        readAll(first.getInputStream());
    }

    @Test
    void uploadWhileACampaignInstallHoldsTheGate_isRefusedWith409() throws Exception {
        assertThat(gate.tryEnter()).isTrue();
        try {
            HttpsURLConnection post = upload("/v1/runs?name=demo.sup", TOKEN, bytes(10));

            assertThat(post.getResponseCode()).isEqualTo(409);
            assertThat(installer.commands).isEmpty();
        } finally {
            gate.leave();
        }
    }

    @Test
    void uploadLargerThanTheCap_isRefusedWith413BeforeItIsRead() throws Exception {
        try (SSLSocket socket = (SSLSocket) pinned().getSocketFactory().createSocket("127.0.0.1", server.port())) {
            socket.getOutputStream().write(("POST /v1/runs?name=big.sup HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + TOKEN + "\r\nContent-Length: " + ((1 << 20) + 1) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();

            assertThat(status).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
        }
        assertThat(installer.commands).isEmpty();
        assertThat(filesUnder(runsDir)).isEmpty();
    }

    @Test
    void certificate_isMadeOnceWithOwnerOnlyModes_andKeptAcrossRestarts() throws Exception {
        Path store = dir.resolve("state/manage").resolve(EndpointCertificate.STORE);
        Path password = dir.resolve("state/manage").resolve(EndpointCertificate.PASSWORD);
        Set<PosixFilePermission> ownerOnly = Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

        assertThat(Files.getPosixFilePermissions(store)).isEqualTo(ownerOnly);
        assertThat(Files.getPosixFilePermissions(password)).isEqualTo(ownerOnly);
        assertThat(EndpointCertificate.loadOrCreate(dir.resolve("state/manage"), "gw-1").fingerprint())
                .isEqualTo(server.fingerprint());
        assertThat(logLine("management endpoint on")).contains(server.fingerprint());
    }

    @Test
    void unknownRun_is404_andAMalformedIdNeverReachesTheDisk() throws Exception {
        assertThat(open("/v1/runs/0123456789abcdef/events", TOKEN).getResponseCode()).isEqualTo(404);
        assertThat(open("/v1/runs/..%2F..%2Fetc/events", TOKEN).getResponseCode()).isEqualTo(404);
    }

    @Test
    void slowHeadersOnEveryWorker_areDroppedPastTheLimit_andTheEndpointAnswersAgain() throws Exception {
        List<SSLSocket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < ManageServer.THREADS; i++) {
                SSLSocket socket = (SSLSocket) pinned().getSocketFactory().createSocket("127.0.0.1", server.port());
                socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
                // Slowloris: a request line and one header, never the blank line that ends them.
                socket.getOutputStream().write(("GET /v1/gateway HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                slow.add(socket);
            }
            awaitPhases(phases -> phases.size() == ManageServer.THREADS
                    && phases.stream().allMatch(p -> p == StallGuard.Phase.HEADERS));

            clock.advance(StallGuard.Limits.DEFAULT.headers().minusSeconds(1));
            assertThat(guard.sweep()).as("within the limit").isZero();
            clock.advance(java.time.Duration.ofSeconds(2));
            assertThat(guard.sweep()).isEqualTo(ManageServer.THREADS);

            for (SSLSocket socket : slow) {
                assertThat(closedByServer(socket)).isTrue();
            }
            assertThat(open("/v1/gateway", TOKEN).getResponseCode()).isEqualTo(200);
        } finally {
            for (SSLSocket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void stalledUpload_isDroppedPastTheLimit_leavesNothingBehind_andTheEndpointAnswersAgain() throws Exception {
        installer.succeedingInstall("install-9");
        try (SSLSocket socket = (SSLSocket) pinned().getSocketFactory().createSocket("127.0.0.1", server.port())) {
            socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            socket.getOutputStream().write(("POST /v1/runs?name=slow.sup HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + TOKEN + "\r\nContent-Length: 5000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(bytes(100));
            socket.getOutputStream().flush();
            awaitPhases(phases -> phases.equals(List.of(StallGuard.Phase.READING)));
            try (Stream<Path> runs = Files.list(runsDir)) {
                assertThat(runs.toList()).as("the upload's part file while it comes").hasSize(1);
            }

            clock.advance(StallGuard.Limits.DEFAULT.stall().plusSeconds(1));
            assertThat(guard.sweep()).isEqualTo(1);

            assertThat(closedByServer(socket)).isTrue();
        }
        awaitPhases(List::isEmpty);
        assertThat(filesUnder(runsDir)).isEmpty();
        assertThat(installer.commands).isEmpty();
        assertThat(logLine("was dropped, nothing kept")).contains("too slow");
        assertThat(open("/v1/gateway", TOKEN).getResponseCode()).isEqualTo(200);
    }

    /** Waits (bounded, never by sleeping a set time) until the guard's exchanges stand as asked. */
    private void awaitPhases(java.util.function.Predicate<List<StallGuard.Phase>> wanted) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!wanted.test(guard.phases())) {
            assertThat(System.nanoTime()).as("exchanges as wanted; they are %s", guard.phases()).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    /** True when the server closed the connection: the read ends, or breaks, instead of timing out. */
    private static boolean closedByServer(SSLSocket socket) throws IOException {
        try {
            while (socket.getInputStream().read() >= 0) {
                // an answer the server began before it dropped the client
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** A clock the test moves by hand: the guard's limits pass without waiting. */
    static final class FakeClock extends Clock {

        private volatile java.time.Instant now = java.time.Instant.parse("2026-12-03T10:00:00Z");

        void advance(java.time.Duration by) {
            now = now.plus(by);
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private String logLine(String containing) throws InterruptedException {
        while (true) {
            String line = log.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(line).as("a log line with '%s'", containing).isNotNull();
            if (line.contains(containing)) {
                return line;
            }
        }
    }

    private HttpsURLConnection upload(String path, String token, byte[] body) throws IOException {
        HttpsURLConnection post = open(path, token);
        post.setRequestMethod("POST");
        post.setDoOutput(true);
        post.setFixedLengthStreamingMode(body.length);
        try (OutputStream out = post.getOutputStream()) {
            out.write(body);
        }
        return post;
    }

    private HttpsURLConnection open(String path, String token) throws IOException {
        HttpsURLConnection connection = (HttpsURLConnection) new URL("https://127.0.0.1:" + server.port() + path)
                .openConnection();
        connection.setSSLSocketFactory(pinned().getSocketFactory());
        connection.setHostnameVerifier((host, session) -> true);
        connection.setConnectTimeout(10_000);
        connection.setReadTimeout((int) TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        if (token != null) {
            connection.setRequestProperty("Authorization", "Bearer " + token);
        }
        return connection;
    }

    /** Trusts exactly the endpoint's certificate, by its fingerprint. */
    private SSLContext pinned() throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType)
                        throws java.security.cert.CertificateException {
                    if (!EndpointCertificate.fingerprintOf(chain[0]).equals(server.fingerprint())) {
                        throw new java.security.cert.CertificateException("not the pinned certificate");
                    }
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private static List<JsonNode> readAll(InputStream in) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                nodes.add(AgentJson.mapper().readTree(line));
            }
        }
        return nodes;
    }

    private static List<Path> filesUnder(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> !f.equals(root)).toList();
        }
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) ('a' + i % 26);
        }
        return bytes;
    }
}
