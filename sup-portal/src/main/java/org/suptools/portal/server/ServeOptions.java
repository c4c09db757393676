package org.suptools.portal.server;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.suptools.portal.files.Fault;

/**
 * How {@code sup-portal serve} runs.
 *
 * @param data the data directory
 * @param broker an external broker, {@code tcp://host:port}; empty runs the embedded one
 * @param bindAddress where the embedded broker and the HTTP server listen
 * @param mqttPort the embedded broker's port; 0 picks a free one
 * @param httpPort the HTTP port; 0 picks a free one
 * @param base the first topic level(s) of every thing's topics, such as {@code sup}; may be empty
 * @param faults the faults to inject
 * @param slowRate bytes a second under {@code slow-download}
 * @param fileIdLifetime how long a file id is good for
 * @param tls a TLS listener on the embedded broker, beside the plain one
 */
public record ServeOptions(Path data, Optional<URI> broker, String bindAddress, int mqttPort, int httpPort, String base,
        Set<Fault> faults, long slowRate, Duration fileIdLifetime, Optional<BrokerTls> tls) {

    public static final String DEFAULT_BASE = "sup";

    public ServeOptions {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(broker, "broker");
        broker.ifPresent(uri -> {
            if (!"tcp".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1) {
                throw new IllegalArgumentException("--broker: must be tcp://host:port, was " + uri);
            }
        });
        Objects.requireNonNull(bindAddress, "bindAddress");
        port("--mqtt-port", mqttPort);
        port("--http-port", httpPort);
        Objects.requireNonNull(base, "base");
        if (!base.isEmpty() && (base.startsWith("/") || base.endsWith("/") || base.startsWith("$")
                || base.chars().anyMatch(c -> c == '+' || c == '#' || c == 0) || base.contains("//"))) {
            throw new IllegalArgumentException("--base: topic levels without wildcards, leading '$' or '/', or a"
                    + " trailing '/', was '" + base + "'");
        }
        faults = Set.copyOf(faults);
        if (slowRate < 1) {
            throw new IllegalArgumentException("--slow-rate: must be at least 1 byte a second, was " + slowRate);
        }
        if (fileIdLifetime.isNegative() || fileIdLifetime.isZero()) {
            throw new IllegalArgumentException("--file-id-lifetime: must be positive, was " + fileIdLifetime);
        }
        Objects.requireNonNull(tls, "tls");
        if (tls.isPresent() && broker.isPresent()) {
            throw new IllegalArgumentException("--tls-keystore: a TLS listener is for the embedded broker; with "
                    + "--broker, configure TLS on that broker");
        }
    }

    /** Without a TLS listener. */
    public ServeOptions(Path data, Optional<URI> broker, String bindAddress, int mqttPort, int httpPort, String base,
            Set<Fault> faults, long slowRate, Duration fileIdLifetime) {
        this(data, broker, bindAddress, mqttPort, httpPort, base, faults, slowRate, fileIdLifetime, Optional.empty());
    }

    /** The same with a TLS listener on the embedded broker. */
    public ServeOptions withTls(BrokerTls listener) {
        return new ServeOptions(data, broker, bindAddress, mqttPort, httpPort, base, faults, slowRate, fileIdLifetime,
                Optional.of(listener));
    }

    /** The defaults of {@code serve --data DIR}: embedded broker, free ports on loopback, base {@code sup}. */
    public static ServeOptions defaults(Path data) {
        return new ServeOptions(data, Optional.empty(), "127.0.0.1", 0, 0, DEFAULT_BASE, Set.of(), 256 * 1024,
                Duration.ofSeconds(300));
    }

    private static void port(String option, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(option + ": must be 0 to 65535, was " + port);
        }
    }
}
