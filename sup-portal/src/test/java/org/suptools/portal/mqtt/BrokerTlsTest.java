package org.suptools.portal.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.portal.server.BrokerTls;
import org.suptools.portal.server.PortalServer;
import org.suptools.portal.server.ServeOptions;
import org.suptools.portal.store.DataDir;
import org.suptools.tr50.MailboxCheck;
import org.suptools.tr50.RequestId;
import org.suptools.tr50.Tr50Request;

/** {@code serve --tls-keystore}: the embedded broker's TLS listener, with a key store made here by keytool. */
class BrokerTlsTest {

    private static final String PASSWORD = "broker-pass";

    @TempDir
    static Path work;

    private static Path keystore;
    private static Path passwordFile;
    private static PortalServer server;

    @BeforeAll
    static void serveWithTls() throws Exception {
        keystore = work.resolve("broker.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
        passwordFile = Files.writeString(work.resolve("password"), PASSWORD + "\n");
        WireScenarios.seed(work.resolve("data"), work);
        server = PortalServer.start(ServeOptions.defaults(work.resolve("data"))
                .withTls(BrokerTls.read(keystore, passwordFile, 0)), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static TrustManagerFactory trustingTheBroker() throws Exception {
        KeyStore own = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keystore)) {
            own.load(in, PASSWORD.toCharArray());
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("broker", own.getCertificate("broker"));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        return factory;
    }

    @Test
    void thing_overTlsIsServedAsOverPlainMqtt() throws Exception {
        URI tls = server.mqttTlsUri().orElseThrow();
        try (TestThing gw = TestThing.connectTls(tls, "sup", "gw-2", "app-2", "token-2", trustingTheBroker())
                .subscribeOwn()) {
            assertThat(gw.request(Tr50Request.of(new MailboxCheck(Optional.of(false), Optional.empty())))
                    .result(RequestId.of(1)).orElseThrow().succeeded()).isTrue();
        }
        assertThat(tls.getScheme()).isEqualTo("ssl");
        assertThat(DataDir.mapper().readTree(work.resolve("data/serve.json").toFile()).get("mqtts").asText())
                .isEqualTo(tls.toString());
        assertThat(server.mqttUri().getHost()).as("plain MQTT stays on loopback").isEqualTo("127.0.0.1");
    }

    @Test
    void tlsListener_refusesAWrongTokenAndAClientThatDoesNotTrustTheBroker() throws Exception {
        URI tls = server.mqttTlsUri().orElseThrow();

        assertThatThrownBy(() -> TestThing.connectTls(tls, "sup", "gw-2", "app-2", "wrong", trustingTheBroker()))
                .isInstanceOf(com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException.class);
        TrustManagerFactory system = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        system.init((KeyStore) null);
        assertThatThrownBy(() -> TestThing.connectTls(tls, "sup", "gw-2", "app-2", "token-2", system))
                .as("the handshake fails: the broker's certificate is not one the system trusts")
                .isNotInstanceOf(com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException.class);
        assertThatThrownBy(() -> TestThing.connect(tls, "sup", "gw-2", "app-2", "token-2"))
                .as("plain MQTT on the TLS port gets no CONNACK");
    }

    @Test
    void read_refusesAWrongPasswordAnEmptyPasswordFileAndAKeyStoreWithoutAKey() throws Exception {
        Path wrong = Files.writeString(work.resolve("wrong"), "not-it\n");
        Path empty = Files.writeString(work.resolve("empty"), "");
        KeyStore certOnly = KeyStore.getInstance("PKCS12");
        certOnly.load(null, null);
        KeyStore own = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keystore)) {
            own.load(in, PASSWORD.toCharArray());
        }
        Certificate cert = own.getCertificate("broker");
        certOnly.setCertificateEntry("broker", cert);
        Path trustStore = work.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            certOnly.store(out, PASSWORD.toCharArray());
        }

        assertThatThrownBy(() -> BrokerTls.read(keystore, wrong, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--tls-keystore: " + keystore + ": cannot be opened with the password in "
                        + wrong);
        assertThatThrownBy(() -> BrokerTls.read(keystore, empty, 0))
                .hasMessage("--tls-password-file: " + empty + ": the first line (the key store's password) is empty");
        assertThatThrownBy(() -> BrokerTls.read(trustStore, passwordFile, 0))
                .hasMessage("--tls-keystore: " + trustStore + ": holds no private key (the broker's key and "
                        + "certificate)");
        assertThat(BrokerTls.read(keystore, passwordFile, 0).toString()).doesNotContain(PASSWORD);
    }

    @Test
    void tls_withAnExternalBrokerIsRefused() {
        ServeOptions external = new ServeOptions(work, Optional.of(URI.create("tcp://127.0.0.1:1883")), "127.0.0.1", 0,
                0, "sup", java.util.Set.of(), 1, java.time.Duration.ofSeconds(1));

        assertThatThrownBy(() -> external.withTls(BrokerTls.read(keystore, passwordFile, 0)))
                .hasMessageStartingWith("--tls-keystore: a TLS listener is for the embedded broker");
    }
}
