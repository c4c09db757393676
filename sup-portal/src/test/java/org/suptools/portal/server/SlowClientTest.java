package org.suptools.portal.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.portal.MutableClock;
import org.suptools.tr50.http.StallGuard;

/**
 * The portal's HTTP server (/api/, /console/, /ota/, /file/) against clients that send slowly: each is
 * dropped once past its limit, on a clock the test moves, and the server answers others again.
 */
class SlowClientTest {

    static final int WAIT_SECONDS = 30;
    /** The portal's HTTP workers (PortalServer): a slow client on each would leave none for others. */
    static final int WORKERS = 16;

    @TempDir
    Path work;

    final MutableClock clock = MutableClock.startingAt("2026-12-03T10:00:00Z");
    final StallGuard guard = new StallGuard(StallGuard.Limits.DEFAULT, clock);
    PortalServer server;

    @BeforeEach
    void serve() {
        server = PortalServer.start(ServeOptions.defaults(work.resolve("data")), java.time.Clock.systemUTC(), guard);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void slowHeadersOnEveryWorker_areDroppedPastTheLimit_andThePortalAnswersAgain() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < WORKERS; i++) {
                String path = List.of("/api/things", "/console/", "/ota/version", "/file/x").get(i % 4);
                slow.add(send("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
            }
            awaitPhases(phases -> phases.size() == WORKERS
                    && phases.stream().allMatch(p -> p == StallGuard.Phase.HEADERS));

            clock.advance(StallGuard.Limits.DEFAULT.headers().minusSeconds(1));
            assertThat(guard.sweep()).as("within the limit").isZero();
            clock.advance(Duration.ofSeconds(2));
            assertThat(guard.sweep()).isEqualTo(WORKERS);

            for (Socket socket : slow) {
                assertThat(closedByServer(socket)).isTrue();
            }
            assertThat(get("/console/").statusCode()).isEqualTo(200);
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void stalledConsoleUpload_isDroppedPastTheLimit_leavesNothingBehind_andThePortalAnswersAgain() throws Exception {
        String token = Files.readString(server.consoleTokenFile(), StandardCharsets.UTF_8).strip();
        try (Socket socket = send("POST /console/api/files?name=slow.sup HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer " + token + "\r\nContent-Length: 5000\r\n\r\n" + "x".repeat(100))) {
            awaitPhases(phases -> phases.equals(List.of(StallGuard.Phase.READING)));
            assertThat(filesUnder(server.data().resolve("console-uploads"))).as("the part file while it comes")
                    .hasSize(1);

            clock.advance(StallGuard.Limits.DEFAULT.stall().plusSeconds(1));
            assertThat(guard.sweep()).isEqualTo(1);

            assertThat(closedByServer(socket)).isTrue();
        }
        awaitPhases(List::isEmpty);
        assertThat(filesUnder(server.data().resolve("console-uploads"))).isEmpty();
        HttpResponse<String> files = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                server.httpUri().resolve("/console/api/files")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(files.statusCode()).isEqualTo(200);
        assertThat(files.body()).doesNotContain("slow.sup");
    }

    @Test
    void tricklingBody_eachByteWithinTheStallLimit_isDroppedByTheRateFloor() throws Exception {
        String token = Files.readString(server.consoleTokenFile(), StandardCharsets.UTF_8).strip();
        try (Socket socket = send("POST /console/api/files?name=trickle.sup HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer " + token + "\r\nContent-Length: 100000\r\n\r\n")) {
            awaitPhases(phases -> phases.equals(List.of(StallGuard.Phase.READING)));
            Duration underTheStall = StallGuard.Limits.DEFAULT.stall().minusSeconds(1);

            clock.advance(underTheStall);
            assertThat(guard.sweep()).as("the first read, under the stall limit").isZero();
            socket.getOutputStream().write('x');
            socket.getOutputStream().flush();
            awaitRead(1);
            clock.advance(underTheStall);

            assertThat(guard.sweep()).as("1 byte in %s of reading", underTheStall.multipliedBy(2)).isEqualTo(1);
            assertThat(closedByServer(socket)).isTrue();
        }
        awaitPhases(List::isEmpty);
        assertThat(filesUnder(server.data().resolve("console-uploads"))).isEmpty();
    }

    @Test
    void stalledBodyTheHandlerDoesNotRead_isDroppedWhileTheServerDrainsIt() throws Exception {
        try (Socket socket = send("POST /api/things HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5000\r\n\r\n"
                + "{}")) {
            // The 405 says there is no answer body: the server drains the unread body before it sends the headers.
            awaitPhases(phases -> phases.equals(List.of(StallGuard.Phase.WRITING)));

            clock.advance(StallGuard.Limits.DEFAULT.stall().plusSeconds(1));
            assertThat(guard.sweep()).isEqualTo(1);

            assertThat(closedByServer(socket)).isTrue();
        }
        awaitPhases(List::isEmpty);
        assertThat(get("/console/").statusCode()).isEqualTo(200);
    }

    /** Waits until the body's bytes were read and the next read blocks. */
    private void awaitRead(long bytes) {
        awaitPhases(phases -> guard.bodyBytesRead() == bytes && phases.equals(List.of(StallGuard.Phase.READING)));
    }

    private Socket send(String text) throws IOException {
        URI http = server.httpUri();
        Socket socket = new Socket(http.getHost(), http.getPort());
        socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(WAIT_SECONDS)).build()
                .send(HttpRequest.newBuilder(server.httpUri().resolve(path)).timeout(Duration.ofSeconds(WAIT_SECONDS))
                        .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits (bounded, never by sleeping a set time) until the guard's exchanges stand as asked. */
    private void awaitPhases(Predicate<List<StallGuard.Phase>> wanted) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!wanted.test(guard.phases())) {
            assertThat(System.nanoTime()).as("exchanges as wanted; they are %s", guard.phases()).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    /** True when the server closed the connection: the read ends, or breaks, instead of timing out. */
    private static boolean closedByServer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        try {
            while (in.read() >= 0) {
                // an answer the server began before it dropped the client
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static List<Path> filesUnder(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> !f.equals(root)).toList();
        }
    }
}
