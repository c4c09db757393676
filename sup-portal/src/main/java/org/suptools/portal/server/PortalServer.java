package org.suptools.portal.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.suptools.tr50.http.StallGuard;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.logging.Logger;
import org.suptools.portal.console.ConsoleHandler;
import org.suptools.portal.console.ConsoleToken;
import org.suptools.portal.console.Presence;
import org.suptools.portal.files.Fault;
import org.suptools.portal.files.FileEndpoint;
import org.suptools.portal.files.FileIds;
import org.suptools.portal.http.ApiHandler;
import org.suptools.portal.http.OtaHandler;
import org.suptools.portal.mqtt.BrokerAccess;
import org.suptools.portal.mqtt.EmbeddedBroker;
import org.suptools.portal.mqtt.PortalConnection;
import org.suptools.portal.mqtt.PortalCredentials;
import org.suptools.portal.mqtt.RequestHandler;
import org.suptools.portal.service.Tr50Service;
import org.suptools.portal.store.DataDir;
import org.suptools.portal.store.DisconnectSpool;
import org.suptools.portal.store.NotifySpool;
import org.suptools.portal.store.Thing;
import org.suptools.portal.store.Things;

/**
 * The running portal: the HTTP server (files and the JSON API), the embedded broker unless an external
 * one is given, the portal's own MQTT connection answering TR50 requests, and a poller that notifies the
 * things whose mailbox got work from another process. {@code serve.json} in the data directory says
 * where it listens, for scripts and tests that asked for free ports.
 */
public final class PortalServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PortalServer.class.getName());
    private static final long NOTIFY_POLL_MILLIS = 200;
    private static final String LOOPBACK = "127.0.0.1";
    /** A member past its ack timeout is written as failed within this; reads and acks see it at once. */
    private static final long DEADLINE_SWEEP_MILLIS = 1000;

    private final DataDir data;
    private final HttpServer http;
    private final ExecutorService httpWorkers;
    private final StallGuard guard;
    private final Optional<EmbeddedBroker> broker;
    private final PortalConnection connection;
    private final ScheduledExecutorService poller;
    private final URI mqttUri;
    private final URI httpUri;
    private final String tlsHost;

    private PortalServer(DataDir data, HttpServer http, ExecutorService httpWorkers, StallGuard guard,
            Optional<EmbeddedBroker> broker,
            PortalConnection connection, ScheduledExecutorService poller, URI mqttUri, URI httpUri, String tlsHost) {
        this.tlsHost = tlsHost;
        this.data = data;
        this.http = http;
        this.httpWorkers = httpWorkers;
        this.guard = guard;
        this.broker = broker;
        this.connection = connection;
        this.poller = poller;
        this.mqttUri = mqttUri;
        this.httpUri = httpUri;
    }

    /**
     * Starts everything; on failure stops what had started.
     *
     * @throws IllegalStateException if a port is taken or the broker cannot be reached
     */
    public static PortalServer start(ServeOptions options, Clock clock) {
        return start(options, clock, StallGuard.started(StallGuard.Limits.DEFAULT, "sup-portal-http-guard"));
    }

    /** As above, its HTTP clients' time bounded by {@code guard} (a test's sweeps on a fake clock). */
    public static PortalServer start(ServeOptions options, Clock clock, StallGuard guard) {
        DataDir data = new DataDir(options.data());
        data.finishPendingRemovals();
        Things things = new Things(data, clock);
        PortalCredentials credentials = PortalCredentials.of(data);
        FileIds fileIds = new FileIds(clock, options.fileIdLifetime());
        Tr50Service service = new Tr50Service(data, clock, fileIds);
        ConsoleToken consoleToken = ConsoleToken.of(data);
        HttpServer http;
        ExecutorService httpWorkers = Executors.newFixedThreadPool(16, daemon("sup-portal-http"));
        try {
            http = HttpServer.create(new InetSocketAddress(options.bindAddress(), options.httpPort()), 64);
        } catch (IOException e) {
            httpWorkers.shutdown();
            guard.close();
            throw new IllegalStateException("cannot listen for HTTP on " + options.bindAddress() + ":"
                    + options.httpPort() + ": " + e.getMessage(), e);
        }
        FileEndpoint fileEndpoint = new FileEndpoint(fileIds, options.faults(), options.slowRate());
        // Each context's client is dropped when it sends its headers or body slowly, or stops reading.
        http.createContext(FileEndpoint.PATH, fileEndpoint).getFilters().add(guard.filter());
        http.createContext(OtaHandler.PATH, new OtaHandler(data, clock, fileEndpoint)).getFilters().add(guard.filter());
        http.createContext(ApiHandler.PATH, new ApiHandler(data, consoleToken, clock)).getFilters().add(guard.filter());
        // The console asks the embedded broker who is connected, once it runs; an external broker cannot be asked.
        AtomicReference<Presence> presence = new AtomicReference<>(Presence.UNKNOWN);
        http.createContext(ConsoleHandler.PATH.substring(0, ConsoleHandler.PATH.length() - 1),
                new ConsoleHandler(data, consoleToken, appId -> presence.get().connected(appId), clock))
                .getFilters().add(guard.filter());
        http.setExecutor(guard.executor(httpWorkers));
        http.start();
        Optional<EmbeddedBroker> broker = Optional.empty();
        try {
            String host;
            int port;
            if (options.broker().isPresent()) {
                host = options.broker().get().getHost();
                port = options.broker().get().getPort();
            } else {
                // With TLS, plain MQTT stays on loopback, for the portal's own connection and local tools:
                // a gateway elsewhere can reach the broker only through TLS.
                host = options.tls().isPresent() ? LOOPBACK : options.bindAddress();
                port = options.mqttPort() == 0 ? freePort(host) : options.mqttPort();
                Optional<EmbeddedBroker.TlsListener> tls = options.tls().map(t -> new EmbeddedBroker.TlsListener(
                        options.bindAddress(), t.port() == 0 ? freePort(options.bindAddress()) : t.port(), t.keystore(),
                        t.password()));
                broker = Optional.of(EmbeddedBroker.start(data.resolve("broker"), host, port, tls,
                        new BrokerAccess(things, credentials, options.base())));
            }
            broker.ifPresent(b -> presence.set(b::connected));
            Predicate<RequestHandler.Reply> dropAckReply = options.faults().contains(Fault.DROP_CONNECTION)
                    ? dropOnce(things, broker) : reply -> false;
            PortalConnection connection = PortalConnection.connect(host, port, credentials, options.base(),
                    new RequestHandler(options.base(), service, things), dropAckReply);
            ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(daemon("sup-portal-notify"));
            NotifySpool spool = new NotifySpool(data);
            DisconnectSpool deleted = new DisconnectSpool(data);
            Optional<EmbeddedBroker> ownBroker = broker;
            poller.scheduleWithFixedDelay(() -> {
                try {
                    spool.drain().forEach(connection::notifyMailbox);
                    // A deleted thing's CONNECT is refused from the moment its file goes; its open connection
                    // goes here. An external broker keeps it, but the portal answers it nothing.
                    deleted.drain().forEach(clientId -> ownBroker.ifPresent(b -> b.disconnect(clientId)));
                } catch (RuntimeException e) {
                    LOG.warning(() -> "cannot read the notification spool: " + e.getMessage());
                }
            }, 0, NOTIFY_POLL_MILLIS, TimeUnit.MILLISECONDS);
            poller.scheduleWithFixedDelay(() -> {
                try {
                    service.deadlines().sweep();
                } catch (RuntimeException e) {
                    LOG.warning(() -> "cannot complete the messages past their ack timeout: " + e.getMessage());
                }
            }, 0, DEADLINE_SWEEP_MILLIS, TimeUnit.MILLISECONDS);
            URI mqttUri = URI.create("tcp://" + host + ":" + port);
            URI httpUri = URI.create("http://" + options.bindAddress() + ":" + http.getAddress().getPort());
            PortalServer server = new PortalServer(data, http, httpWorkers, guard, broker, connection, poller, mqttUri,
                    httpUri, options.bindAddress());
            server.writeServeFile(options);
            return server;
        } catch (RuntimeException e) {
            broker.ifPresent(EmbeddedBroker::close);
            http.stop(0);
            httpWorkers.shutdown();
            guard.close();
            throw e;
        }
    }

    /** Where things connect: {@code tcp://host:port}. */
    public URI mqttUri() {
        return mqttUri;
    }

    /** Where things connect with TLS, {@code ssl://host:port}, when the embedded broker has a TLS listener. */
    public Optional<URI> mqttTlsUri() {
        return broker.flatMap(EmbeddedBroker::tlsPort).map(tlsPort -> URI.create("ssl://" + tlsHost + ":" + tlsPort));
    }

    /** Where files are downloaded and the API is read: {@code http://host:port}. */
    public URI httpUri() {
        return httpUri;
    }

    public DataDir data() {
        return data;
    }

    /** The web console's address: {@code http://host:port/console/}. */
    public URI consoleUri() {
        return httpUri.resolve(ConsoleHandler.PATH);
    }

    /** The file that holds the console's admin token. */
    public java.nio.file.Path consoleTokenFile() {
        return data.resolve(ConsoleToken.FILE);
    }

    /** Tells a thing now that its mailbox has work, without waiting for the poller. */
    public void notifyMailbox(String thingKey) {
        connection.notifyMailbox(thingKey);
    }

    @Override
    public void close() {
        try {
            java.nio.file.Files.deleteIfExists(data.resolve("serve.json"));
        } catch (IOException e) {
            LOG.warning(() -> "cannot remove serve.json: " + e.getMessage());
        }
        poller.shutdownNow();
        connection.close();
        broker.ifPresent(EmbeddedBroker::close);
        http.stop(0);
        guard.close();
        httpWorkers.shutdownNow();
    }

    private void writeServeFile(ServeOptions options) {
        ObjectNode serve = data.json().createObjectNode()
                .put("mqtt", mqttUri.toString())
                .put("http", httpUri.toString())
                .put("base", options.base())
                .put("embeddedBroker", broker.isPresent())
                .put("console", consoleUri().toString())
                .put("consoleTokenFile", consoleTokenFile().toString())
                .put("pid", ProcessHandle.current().pid());
        mqttTlsUri().ifPresent(uri -> serve.put("mqtts", uri.toString()));
        data.write(data.resolve("serve.json"), serve);
    }

    /** The drop-connection fault: the first ack reply of each thing is not sent, the thing dropped instead. */
    private static Predicate<RequestHandler.Reply> dropOnce(Things things, Optional<EmbeddedBroker> broker) {
        java.util.Set<String> dropped = java.util.concurrent.ConcurrentHashMap.newKeySet();
        return reply -> {
            if (!dropped.add(reply.thingKey())) {
                return false;
            }
            LOG.info(() -> "fault drop-connection: " + reply.thingKey() + "'s ack recorded, reply dropped");
            broker.ifPresent(b -> things.find(reply.thingKey()).map(Thing::appId).ifPresent(b::disconnect));
            return true;
        };
    }

    private static int freePort(String bindAddress) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(bindAddress, 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on " + bindAddress + ": " + e.getMessage(), e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
