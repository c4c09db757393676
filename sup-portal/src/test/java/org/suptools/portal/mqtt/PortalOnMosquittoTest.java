package org.suptools.portal.mqtt;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.portal.server.PortalServer;
import org.suptools.portal.server.ServeOptions;
import org.suptools.portal.store.DataDir;
import org.suptools.portal.store.Things;

/**
 * The wire scenarios on mosquitto, started here on a free port with the password and ACL files the
 * portal writes, the portal connected to it as an external broker. Without {@code /usr/sbin/mosquitto}
 * the same scenarios run on the embedded broker and the test names say so: never a silent skip.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalOnMosquittoTest {

    /** The binary; a test run may name another with -Dsup.portal.mosquitto=PATH (a missing one shows the fallback). */
    private static final Path MOSQUITTO = Path.of(System.getProperty("sup.portal.mosquitto", "/usr/sbin/mosquitto"));

    @TempDir
    static Path work;

    private Process mosquitto;
    private EmbeddedBroker standalone;
    private ServeOptions options;
    private PortalServer server;
    private byte[] content;
    private URI broker;
    private String where;
    private WireScenarios.Broker kind;

    @BeforeAll
    void startBrokerAndPortal() throws Exception {
        Path data = work.resolve("data");
        content = WireScenarios.seed(data, work);
        if (Files.isExecutable(MOSQUITTO)) {
            int port = freePort();
            Path conf = work.resolve("mosquitto");
            DataDir dir = new DataDir(data);
            MosquittoFiles.write(conf, new Things(dir, Clock.systemUTC()).all(), PortalCredentials.of(dir),
                    WireScenarios.BASE, "127.0.0.1", port);
            // Started as root, mosquitto would switch to its own user, who cannot read this private temp
            // directory; as any other user the line is ignored.
            Files.writeString(conf.resolve("mosquitto.conf"), "user root\n", java.nio.file.StandardOpenOption.APPEND);
            mosquitto = new ProcessBuilder(MOSQUITTO.toString(), "-c", conf.resolve("mosquitto.conf").toString())
                    .redirectErrorStream(true).redirectOutput(work.resolve("mosquitto.log").toFile()).start();
            awaitListening(port);
            where = "on mosquitto";
            kind = WireScenarios.Broker.MOSQUITTO;
            broker = URI.create("tcp://127.0.0.1:" + port);
        } else {
            // The same broker as the portal embeds, started on its own: the portal is its client, as of mosquitto.
            int port = freePort();
            DataDir dir = new DataDir(data);
            standalone = EmbeddedBroker.start(work.resolve("broker"), "127.0.0.1", port, new BrokerAccess(
                    new Things(dir, Clock.systemUTC()), PortalCredentials.of(dir), WireScenarios.BASE));
            where = "on a standalone embedded broker: " + MOSQUITTO + " is absent";
            kind = WireScenarios.Broker.EMBEDDED;
            broker = URI.create("tcp://127.0.0.1:" + port);
        }
        options = new ServeOptions(data, Optional.of(broker), "127.0.0.1", 0, 0, WireScenarios.BASE, Set.of(), 1 << 20,
                Duration.ofSeconds(300));
        server = PortalServer.start(options, Clock.systemUTC());
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
        if (standalone != null) {
            standalone.close();
        }
        if (mosquitto != null) {
            mosquitto.destroy();
            mosquitto.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @TestFactory
    Stream<DynamicTest> wireScenarios() {
        Path data = work.resolve("data");
        return List.of(
                DynamicTest.dynamicTest("a wrong app token is refused at CONNECT (" + where + ")",
                        () -> WireScenarios.wrongTokenIsRefusedAtConnect(broker, kind)),
                DynamicTest.dynamicTest("a thing cannot reach another thing's topics (" + where + ")",
                        () -> WireScenarios.thingCannotReachAnotherThingsTopics(broker, data, kind)),
                DynamicTest.dynamicTest("mailbox.check, file.get, a ranged GET and mailbox.ack complete the member ("
                        + where + ")", () -> WireScenarios.campaignRoundTrip(broker, server.httpUri(), data, content)),
                DynamicTest.dynamicTest("a request sent while the portal restarts is answered when it is back ("
                        + where + ")", this::requestWhileThePortalRestarts))
                .stream();
    }

    /** The portal's lasting session: the broker queues a thing's request while the portal is away. */
    private void requestWhileThePortalRestarts() throws Exception {
        try (TestThing gw = TestThing.connect(broker, WireScenarios.BASE, "gw-2", "app-2", "token-2").subscribeOwn()) {
            server.close();
            gw.publish("sup/gw-2/api/0077", "{\"1\":{\"command\":\"mailbox.check\",\"params\":{}}}"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            server = PortalServer.start(options, Clock.systemUTC());

            org.suptools.tr50.Tr50Response reply = org.suptools.tr50.Tr50Codec.readResponse(
                    gw.await("sup/gw-2/reply/0077").getPayloadAsBytes());
            org.assertj.core.api.Assertions.assertThat(reply.results().values())
                    .allMatch(org.suptools.tr50.Tr50Result::succeeded);
        }
    }

    private void awaitListening(int port) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (!mosquitto.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("mosquitto did not listen on " + port + ": "
                            + Files.readString(work.resolve("mosquitto.log")));
                }
                Thread.onSpinWait();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
