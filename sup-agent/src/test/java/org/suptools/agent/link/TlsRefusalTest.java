package org.suptools.agent.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.suptools.agent.config.AgentConfig;
import org.suptools.agent.config.StagePolicy;
import org.suptools.tr50.Topics;

class TlsRefusalTest {

    private static final Path CA = Path.of("/etc/sup/ca.pem");

    @Test
    void anUntrustedChain_namesTheBrokerAndTheCaFile() {
        Exception cause = handshake(new CertificateException("PKIX path building failed",
                new CertPathBuilderException("unable to find valid certification path\nto requested target")));

        assertThat(TlsRefusal.describe(cause, config(Optional.of(CA)))).hasValue("TLS refused ssl://broker:8883: "
                + "its certificate is not signed by a CA in caFile /etc/sup/ca.pem (unable to find valid "
                + "certification path to requested target)");
        assertThat(TlsRefusal.describe(cause, config(Optional.empty()))).hasValueSatisfying(line ->
                assertThat(line).contains("a CA the JVM trusts (no caFile is set)"));
    }

    @Test
    void aCertificateForAnotherName_saysWhichHostWasExpected() {
        Exception cause = handshake(new CertificateException("No subject alternative DNS name matching broker found."));

        assertThat(TlsRefusal.describe(cause, config(Optional.of(CA)))).hasValueSatisfying(line -> assertThat(line)
                .startsWith("TLS refused ssl://broker:8883: its certificate is not for the host name broker (")
                .doesNotContain("\n"));
    }

    @Test
    void otherTlsFailures_stillNameTheTrust_andNonTlsFailuresAreLeftAlone() {
        assertThat(TlsRefusal.describe(handshake(null), config(Optional.of(CA)))).hasValueSatisfying(line ->
                assertThat(line).startsWith("TLS with ssl://broker:8883 failed, trusting a CA in caFile"));
        assertThat(TlsRefusal.describe(new IOException("connection refused"), config(Optional.of(CA)))).isEmpty();
    }

    private static Exception handshake(Throwable cause) {
        SSLHandshakeException handshake = new SSLHandshakeException("handshake failed");
        if (cause != null) {
            handshake.initCause(cause);
        }
        return new IOException("connect failed", handshake);
    }

    private static AgentConfig config(Optional<Path> caFile) {
        return new AgentConfig("gw-1", "app-gw-1", "token", URI.create("ssl://broker:8883"), caFile, Topics.PORTAL,
                URI.create("https://broker"), Path.of("gateway.yaml"), List.of("sup-installer"), Path.of("state"),
                Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofSeconds(30), 6,
                StagePolicy.AUTOMATIC);
    }
}
