package org.suptools.portal.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.suptools.portal.files.Fault;
import org.suptools.portal.server.BrokerTls;
import org.suptools.portal.server.PortalServer;
import org.suptools.portal.server.ServeOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sup-portal serve --data DIR ...}: runs the portal until it is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs the portal: the TR50 service over MQTT (embedded broker unless --broker), the file "
                + "endpoint, the read-only JSON API and the web console (/console/, signed in with the admin token in "
                + "DIR/console-token) over HTTP. Writes where it listens to DIR/serve.json. Stops on "
                + "SIGTERM or Ctrl-C.")
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOption data;

    @Option(names = "--broker", paramLabel = "tcp://HOST:PORT",
            description = "An external MQTT broker to connect to instead of running the embedded one.")
    Optional<URI> broker;

    @Option(names = "--listen", defaultValue = "127.0.0.1",
            description = "Where the embedded broker and HTTP listen (default: ${DEFAULT-VALUE}).")
    String listen;

    @Option(names = "--mqtt-port", defaultValue = "1883",
            description = "The embedded broker's port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int mqttPort;

    @Option(names = "--http-port", defaultValue = "8080",
            description = "The HTTP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--base", defaultValue = ServeOptions.DEFAULT_BASE,
            description = "The first topic level(s): a thing uses <base>/<key>/... (default: ${DEFAULT-VALUE}).")
    String base;

    @Option(names = "--file-id-lifetime", defaultValue = "300", paramLabel = "SECONDS",
            description = "How long a file.get file id is good for (default: ${DEFAULT-VALUE}).")
    long fileIdLifetime;

    @Option(names = "--fault", split = ",", paramLabel = "FAULT",
            description = "Inject faults for tests: drop-connection, truncate-download, corrupt-download, "
                    + "damage-first-download, slow-download (comma-separated or repeated).")
    List<String> faults = List.of();

    @Option(names = "--tls-keystore", paramLabel = "FILE",
            description = "Adds a TLS listener to the embedded broker with this key store (PKCS#12 or JKS: the "
                    + "broker's private key and certificate); plain MQTT then listens on 127.0.0.1 only.")
    Optional<Path> tlsKeystore;

    @Option(names = "--tls-password-file", paramLabel = "FILE",
            description = "The file whose first line is the key store's password (also the key's).")
    Optional<Path> tlsPasswordFile;

    @Option(names = "--mqtt-tls-port", defaultValue = "8883", paramLabel = "PORT",
            description = "The TLS listener's port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int mqttTlsPort;

    @Option(names = "--slow-rate", defaultValue = "262144", paramLabel = "BYTES",
            description = "Bytes a second under slow-download (default: ${DEFAULT-VALUE}).")
    long slowRate;

    @Override
    public Integer call() throws InterruptedException {
        Set<Fault> chosen = EnumSet.noneOf(Fault.class);
        faults.forEach(name -> chosen.add(Fault.of(name)));
        ServeOptions options = new ServeOptions(data.data, broker, listen, mqttPort, httpPort, base, chosen, slowRate,
                Duration.ofSeconds(fileIdLifetime));
        if (tlsKeystore.isPresent() != tlsPasswordFile.isPresent()) {
            throw new IllegalArgumentException(tlsKeystore.isPresent()
                    ? "--tls-password-file: is required with --tls-keystore"
                    : "--tls-keystore: is required with --tls-password-file");
        }
        if (tlsKeystore.isPresent()) {
            options = options.withTls(BrokerTls.read(tlsKeystore.get(), tlsPasswordFile.get(), mqttTlsPort));
        }
        PortalServer server = PortalServer.start(options, data.clock());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "sup-portal-stop"));
        PrintWriter out = spec.commandLine().getOut();
        out.println("sup-portal serving: mqtt " + server.mqttUri() + (broker.isPresent() ? " (external)" : " (embedded)")
                + server.mqttTlsUri().map(uri -> ", mqtt over TLS " + uri).orElse("")
                + ", http " + server.httpUri() + ", base '" + base + "', data " + server.data().root()
                + (chosen.isEmpty() ? "" : ", faults " + chosen));
        out.println("sup-portal console: " + server.consoleUri() + " (admin token in " + server.consoleTokenFile() + ")");
        out.flush();
        stopped.await();
        return 0;
    }
}
