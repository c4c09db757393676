package org.suptools.agent.link;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.suptools.agent.config.AgentConfig;

/**
 * Says in one line why TLS refused the broker, naming the broker and where trust came from
 * ({@code caFile}, or the JVM's CAs), instead of the TLS stack's "PKIX path building failed" deep
 * in a chain of causes: a gateway's operator must see at once whether the CA file or the broker's
 * certificate is wrong.
 */
final class TlsRefusal {

    private TlsRefusal() {
    }

    /** The one line, when {@code cause} is a refused certificate; empty for any other failure. */
    static Optional<String> describe(Throwable cause, AgentConfig config) {
        boolean tls = false;
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            tls |= t instanceof SSLException;
            if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException) {
                return Optional.of("TLS refused " + config.broker() + ": its certificate is not signed by "
                        + trust(config) + " (" + oneLine(t) + ")");
            }
            if (t instanceof CertificateException && String.valueOf(t.getMessage()).contains("No ")
                    && String.valueOf(t.getMessage()).contains("match")) {
                return Optional.of("TLS refused " + config.broker() + ": its certificate is not for the host name "
                        + config.broker().getHost() + " (" + oneLine(t) + ")");
            }
        }
        if (tls) {
            return Optional.of("TLS with " + config.broker() + " failed, trusting " + trust(config) + " ("
                    + oneLine(cause) + ")");
        }
        return Optional.empty();
    }

    private static String trust(AgentConfig config) {
        return config.caFile().map(ca -> "a CA in caFile " + ca).orElse("a CA the JVM trusts (no caFile is set)");
    }

    private static String oneLine(Throwable t) {
        return String.valueOf(t.getMessage()).replaceAll("\\s*\\R\\s*", " ");
    }
}
