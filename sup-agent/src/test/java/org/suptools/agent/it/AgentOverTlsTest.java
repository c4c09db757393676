package org.suptools.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.agent.AgentLog;
import org.suptools.agent.Daemon;
import org.suptools.agent.config.AgentConfig;
import org.suptools.agent.config.AgentConfigLoader;
import org.suptools.agent.update.Cycle;
import org.suptools.tr50.MailboxMessage;
import org.suptools.tr50.MethodExec;
import org.suptools.tr50.Params;

/**
 * The agent on a TLS broker for real: a CA and server certificates made with keytool when the test
 * runs, HiveMQ CE with two TLS listeners (one whose certificate is for localhost, one for another
 * name, both signed by the CA), and the agent's caFile.
 */
class AgentOverTlsTest {

    private static final String TOKEN = "gw-token";

    @TempDir
    static Path pki;
    @TempDir
    static Path brokerDir;
    static EmbeddedBroker broker;
    static Path goodCa;
    static Path otherCa;
    static int localhostPort;
    static int otherNamePort;

    @TempDir
    Path dir;
    PortalResponder responder;
    final StringWriter logText = new StringWriter();

    @BeforeAll
    static void startBroker() throws Exception {
        TestCertificates certificates = new TestCertificates(pki);
        goodCa = certificates.ca("fleet-ca");
        otherCa = certificates.ca("stranger-ca");
        Path localhost = certificates.server("broker", "localhost", "fleet-ca");
        Path otherName = certificates.server("elsewhere", "broker.elsewhere.example", "fleet-ca");
        localhostPort = EmbeddedBroker.freePort();
        otherNamePort = EmbeddedBroker.freePort();
        broker = new EmbeddedBroker(brokerDir, Map.of("gw-1", TOKEN, "portal", "portal-secret"), List.of(
                new EmbeddedBroker.TlsListener(localhostPort, localhost, TestCertificates.PASSWORD),
                new EmbeddedBroker.TlsListener(otherNamePort, otherName, TestCertificates.PASSWORD)));
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    @BeforeEach
    void startPortal() throws Exception {
        responder = new PortalResponder(broker.port, "portal-secret");
        // A message the agent answers at once: a whole check-and-ack round trip over TLS, no installer.
        responder.portal.mailbox.put("M1", new MailboxMessage("M1", Optional.of("gw-1"),
                MethodExec.of("reboot", Params.empty())));
    }

    @AfterEach
    void stopPortal() throws Exception {
        responder.close();
    }

    @Test
    void once_overTlsWithTheBrokersCa_completesACycle() throws Exception {
        Optional<Cycle> cycle = daemon(config(localhostPort, goodCa)).once(Duration.ofSeconds(20));

        assertThat(cycle).as(logText.toString()).hasValueSatisfying(c -> assertThat(c.portalReachable()).isTrue());
        assertThat(responder.portal.checks).isNotEmpty();
        assertThat(responder.portal.acks).singleElement().satisfies(ack -> {
            assertThat(ack.id()).isEqualTo("M1");
            assertThat(ack.errorCode()).isEqualTo(18);
        });
    }

    @Test
    void once_withACaThatDidNotSignTheBroker_refusesToConnectAndSaysWhyOnOneLine() throws Exception {
        Optional<Cycle> cycle = daemon(config(localhostPort, otherCa)).once(Duration.ofSeconds(20));

        assertThat(cycle).isEmpty();
        assertThat(responder.portal.checks).isEmpty();
        assertThat(logText.toString().lines().filter(line -> line.contains("could not connect")))
                .singleElement().asString()
                .contains("TLS refused ssl://localhost:" + localhostPort,
                        "not signed by a CA in caFile " + otherCa.toAbsolutePath().normalize());
        assertThat(logText.toString()).doesNotContain(TOKEN);
    }

    @Test
    void once_withACertificateForAnotherHostName_isRefused() throws Exception {
        Optional<Cycle> cycle = daemon(config(otherNamePort, goodCa)).once(Duration.ofSeconds(20));

        assertThat(cycle).isEmpty();
        assertThat(responder.portal.checks).isEmpty();
        assertThat(logText.toString()).contains("TLS refused ssl://localhost:" + otherNamePort
                + ": its certificate is not for the host name localhost");
    }

    private Daemon daemon(AgentConfig config) {
        return new Daemon(config, AgentLog.to(new PrintWriter(logText, true), Clock.systemUTC()), Clock.systemUTC());
    }

    private AgentConfig config(int port, Path caFile) throws Exception {
        Files.writeString(dir.resolve("gateway.yaml"), "runtimeHome: rt\n");
        Path file = Files.writeString(dir.resolve("agent.yaml"), """
                thingKey: gw-1
                appId: app-gw-1
                appToken: %s
                broker: ssl://localhost:%d
                caFile: %s
                topicPrefix: sup
                fileEndpoint: %s
                gatewayConfig: gateway.yaml
                installer: [/bin/false]
                stateDir: state
                replyTimeout: 10s
                """.formatted(TOKEN, port, caFile, responder.fileEndpoint()));
        return AgentConfigLoader.load(file);
    }
}
