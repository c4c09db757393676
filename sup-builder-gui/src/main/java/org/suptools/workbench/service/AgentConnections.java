package org.suptools.workbench.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLHandshakeException;
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
        } catch (SSLHandshakeException e) {
            throw changed(e);
        }
    }

    /** Turns a refused handshake into the loud refusal it is, when the certificate changed. */
    IOException changed(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && cause.getMessage().contains("has CHANGED")) {
                String presented = cause.getMessage().replaceAll(".*presented ([0-9A-F:]+)\\..*", "$1");
                return new CertificateChangedException(gateway.name(), gateway.certificateSha256(), presented);
            }
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
