package org.suptools.workbench.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.HttpsURLConnection;
import org.suptools.model.json.SupJson;

/**
 * Connections to one gateway's agent, each checked against the trusted certificate before the
 * token goes out. The host name is not checked: the certificate is pinned by its fingerprint,
 * which says more than any name on it.
 */
final class AgentConnections {

    static final Duration CONNECT = Duration.ofSeconds(10);
    /** A run's stream may be quiet while one action runs: long enough for a slow action's silence. */
    static final Duration READ = Duration.ofMinutes(10);
    private static final int MAX_ERROR_BYTES = 16 * 1024;

    private final GatewayEntry gateway;
    private final String token;
    /** The trust of the last connection opened: it knows which certificate the gateway presented. */
    private volatile PinnedTrust lastTrust;

    AgentConnections(GatewayEntry gateway, String token) {
        this.gateway = gateway;
        this.token = token;
    }

    GatewayEntry gateway() {
        return gateway;
    }

    HttpsURLConnection open(String pathAndQuery, Duration read) throws IOException {
        URL url = URI.create(gateway.address() + pathAndQuery).toURL();
        HttpsURLConnection connection = (HttpsURLConnection) url.openConnection();
        PinnedTrust trust = PinnedTrust.pinnedTo(gateway.name(), gateway.certificateSha256());
        lastTrust = trust;
        connection.setSSLSocketFactory(trust.context().getSocketFactory());
        connection.setHostnameVerifier((host, session) -> true);
        connection.setConnectTimeout((int) CONNECT.toMillis());
        connection.setReadTimeout((int) read.toMillis());
        connection.setUseCaches(false);
        connection.setRequestProperty("Authorization", "Bearer " + token);
        return connection;
    }

    /** The response code, or the certificate refusal named plainly. */
    int code(HttpsURLConnection connection) throws IOException {
        try {
            return connection.getResponseCode();
        } catch (IOException e) {
            throw changed(e);
        }
    }

    /**
     * Turns a failure into the loud refusal it is when the gateway presented another certificate
     * than the trusted one, however the TLS stack worded the failed handshake.
     */
    IOException changed(IOException e) {
        if (e instanceof CertificateChangedException) {
            return e;
        }
        PinnedTrust trust = lastTrust;
        if (trust != null && trust.presented().filter(p -> !p.equals(gateway.certificateSha256())).isPresent()) {
            return new CertificateChangedException(gateway.name(), gateway.certificateSha256(),
                    trust.presented().get());
        }
        return e;
    }

    /** The error an agent answered, in its words, prefixed by what it means. */
    IOException refusal(HttpsURLConnection connection, int code) {
        String message = "";
        try (InputStream error = connection.getErrorStream()) {
            if (error != null) {
                JsonNode body = SupJson.json().readTree(new String(error.readNBytes(MAX_ERROR_BYTES),
                        StandardCharsets.UTF_8));
                message = body.path("error").asText("");
            }
        } catch (IOException | RuntimeException e) {
            message = "";
        }
        String meaning = switch (code) {
            case 401 -> "the gateway refused the token (check it against the agent's manage.tokenFile)";
            case 409 -> "the gateway is busy";
            case 413 -> "the package is larger than the gateway takes";
            case 404 -> "not found";
            default -> "HTTP " + code;
        };
        return new IOException(gateway.name() + ": " + meaning + (message.isEmpty() ? "" : ": " + message));
    }
}
