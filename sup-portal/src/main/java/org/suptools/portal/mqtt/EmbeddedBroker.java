package org.suptools.portal.mqtt;

import com.hivemq.configuration.service.InternalConfigurations;
import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * The broker the portal runs in its own process by default: HiveMQ Community Edition, embedded, on one
 * TCP port, with an extension that checks each CONNECT against the things ({@link BrokerAccess}) and
 * lets each connection use only its own topics. Sessions and queued messages are kept in memory: the
 * mailboxes, not the broker, are what survives a restart.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedBroker.class.getName());
    private static final int SHUTDOWN_GRACE_MILLIS = 100;

    private final EmbeddedHiveMQ hivemq;
    private final int port;
    private final Optional<Integer> tlsPort;

    private EmbeddedBroker(EmbeddedHiveMQ hivemq, int port, Optional<Integer> tlsPort) {
        this.hivemq = hivemq;
        this.port = port;
        this.tlsPort = tlsPort;
    }

    /**
     * A TLS listener beside the plain one.
     *
     * @param bindAddress where it listens
     * @param port its port (not 0: the caller picks a free one)
     * @param keystore the key store with the broker's key and certificate
     * @param password the key store's password, also the key's
     */
    public record TlsListener(String bindAddress, int port, Path keystore, String password) {

        @Override
        public String toString() {
            return "TlsListener[" + bindAddress + ":" + port + ", keystore=" + keystore + "]";
        }
    }

    /**
     * Starts a broker on {@code bindAddress:port}, its configuration and data under {@code workDir}.
     *
     * @throws IllegalStateException if it does not start (the port is taken, say)
     */
    public static EmbeddedBroker start(Path workDir, String bindAddress, int port, BrokerAccess access) {
        return start(workDir, bindAddress, port, Optional.empty(), access);
    }

    /**
     * Starts a broker on {@code bindAddress:port}, and on a TLS listener when one is given.
     *
     * @throws IllegalStateException if it does not start (a port is taken, say)
     */
    public static EmbeddedBroker start(Path workDir, String bindAddress, int port, Optional<TlsListener> tls,
            BrokerAccess access) {
        requireFree(bindAddress, port);
        tls.ifPresent(listener -> requireFree(listener.bindAddress(), listener.port()));
        Path conf = workDir.resolve("conf");
        try {
            Files.createDirectories(conf);
            Files.createDirectories(workDir.resolve("data"));
            Files.createDirectories(workDir.resolve("extensions"));
            writePrivate(conf.resolve("config.xml"), config(bindAddress, port, tls));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the embedded broker in " + workDir + ": " + e.getMessage(), e);
        }
        Logging.quietBroker();
        // HiveMQ lets its store's tasks run on for a grace period after a stop begins, twice in a row
        // (sessions, then payloads): about 4.5 s of every stop at its default of 2 s. Its stores are
        // in memory here and go with the process, so a tenth of a second is plenty.
        InternalConfigurations.PERSISTENCE_SHUTDOWN_GRACE_PERIOD_MSEC.set(SHUTDOWN_GRACE_MILLIS);
        EmbeddedExtension extension = EmbeddedExtension.builder()
                .withId("sup-portal-access")
                .withName("sup-portal thing access")
                .withVersion("1")
                .withPriority(1000)
                .withStartPriority(1000)
                .withAuthor("sup-portal")
                .withExtensionMain(new AccessExtension(access))
                .build();
        EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(conf)
                .withDataFolder(workDir.resolve("data"))
                .withExtensionsFolder(workDir.resolve("extensions"))
                .withEmbeddedExtension(extension)
                .withoutLoggingBootstrap()
                .build();
        try {
            hivemq.start().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the embedded broker started", e);
        } catch (ExecutionException | TimeoutException e) {
            closeQuietly(hivemq);
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("the embedded broker did not start on " + bindAddress + ":" + port + ": "
                    + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()), e);
        }
        LOG.info(() -> "embedded broker on " + bindAddress + ":" + port + tls.map(l -> ", TLS on " + l.bindAddress()
                + ":" + l.port()).orElse(""));
        return new EmbeddedBroker(hivemq, port, tls.map(TlsListener::port));
    }

    /** The configuration may hold the key store's password: only the owner may read it. */
    private static void writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    /** HiveMQ says only "UnrecoverableException" when its port is taken: say which port, before it starts. */
    private static void requireFree(String bindAddress, int port) {
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress(bindAddress, port));
        } catch (IOException e) {
            throw new IllegalStateException("the embedded broker cannot listen on " + bindAddress + ":" + port + ": "
                    + e.getMessage() + " (another broker there? choose --mqtt-port, or --broker to use it)", e);
        }
    }

    public int port() {
        return port;
    }

    /** The TLS listener's port, when there is one. */
    public Optional<Integer> tlsPort() {
        return tlsPort;
    }

    /** Whether a client is connected now, for the console; empty when the broker does not answer at once. */
    public Optional<Boolean> connected(String clientId) {
        try {
            return Optional.of(Services.clientService().isClientConnected(clientId).get(2, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Drops a client's connection, for the {@code drop-connection} fault. */
    public void disconnect(String clientId) {
        Services.clientService().disconnectClient(clientId);
    }

    @Override
    public void close() {
        closeQuietly(hivemq);
    }

    private static void closeQuietly(EmbeddedHiveMQ hivemq) {
        try {
            hivemq.stop().get(30, TimeUnit.SECONDS);
            hivemq.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warning(() -> "the embedded broker did not stop cleanly: " + e.getMessage());
        }
    }

    private static String config(String bindAddress, int port, Optional<TlsListener> tls) {
        // No usage statistics (no network but loopback here), sessions in memory, and no packet bigger than
        // twice the largest TR50 message the portal reads (RequestHandler.MAX_REQUEST_BYTES).
        return """
                <?xml version="1.0"?>
                <hivemq>
                    <listeners>
                        <tcp-listener>
                            <port>%d</port>
                            <bind-address>%s</bind-address>
                        </tcp-listener>
                %s    </listeners>
                    <persistence>
                        <mode>in-memory</mode>
                    </persistence>
                    <mqtt>
                        <packets>
                            <max-packet-size>%d</max-packet-size>
                        </packets>
                    </mqtt>
                    <anonymous-usage-statistics>
                        <enabled>false</enabled>
                    </anonymous-usage-statistics>
                </hivemq>
                """.formatted(port, xml(bindAddress), tls.map(EmbeddedBroker::tlsListener).orElse(""),
                2 * RequestHandler.MAX_REQUEST_BYTES);
    }

    private static String tlsListener(TlsListener tls) {
        return """
                        <tls-tcp-listener>
                            <port>%d</port>
                            <bind-address>%s</bind-address>
                            <tls>
                                <keystore>
                                    <path>%s</path>
                                    <password>%s</password>
                                    <private-key-password>%s</private-key-password>
                                </keystore>
                                <client-authentication-mode>NONE</client-authentication-mode>
                            </tls>
                        </tls-tcp-listener>
                """.formatted(tls.port(), xml(tls.bindAddress()), xml(tls.keystore().toAbsolutePath().toString()),
                xml(tls.password()), xml(tls.password()));
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;");
    }

    /** The extension: authentication from {@link BrokerAccess}, default permissions of one topic filter. */
    private static final class AccessExtension implements ExtensionMain {

        private final BrokerAccess access;

        AccessExtension(BrokerAccess access) {
            this.access = access;
        }

        @Override
        public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
            Services.securityRegistry().setAuthenticatorProvider(providerInput -> new Authenticator(access));
        }

        @Override
        public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
        }
    }

    private static final class Authenticator implements SimpleAuthenticator {

        private final BrokerAccess access;

        Authenticator(BrokerAccess access) {
            this.access = access;
        }

        @Override
        public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
            var connect = input.getConnectPacket();
            Optional<byte[]> password = connect.getPassword().map(Authenticator::bytes);
            BrokerAccess.Decision decision;
            try {
                decision = access.decide(connect.getClientId(), connect.getUserName(), password);
            } catch (RuntimeException e) {
                LOG.warning(() -> "refusing " + connect.getClientId() + ": the things cannot be read: " + e.getMessage());
                output.failAuthentication(ConnackReasonCode.SERVER_UNAVAILABLE, "the portal cannot read its things");
                return;
            }
            if (decision instanceof BrokerAccess.Decision.Allowed allowed) {
                var permissions = output.getDefaultPermissions();
                permissions.add(Builders.topicPermission().topicFilter(allowed.topicFilter()).build());
                permissions.setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
                output.authenticateSuccessfully();
            } else {
                String reason = ((BrokerAccess.Decision.Refused) decision).reason();
                LOG.info(() -> "refused CONNECT of client " + connect.getClientId() + ": " + reason);
                output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, reason);
            }
        }

        private static byte[] bytes(ByteBuffer buffer) {
            ByteBuffer copy = buffer.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            return bytes;
        }
    }
}
