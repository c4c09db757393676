package org.suptools.agent.it;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * HiveMQ CE in the test's JVM on a free port, with an authenticator that knows a fixed set of
 * user names and passwords: the thing keys and app tokens of the test's gateways, and the portal's.
 */
final class EmbeddedBroker implements AutoCloseable {

    final int port;
    private final EmbeddedHiveMQ hivemq;

    /** A TLS listener on {@code port} that shows the certificate chain of {@code keystore} (PKCS12). */
    record TlsListener(int port, Path keystore, String password) {
    }

    EmbeddedBroker(Path dir, Map<String, String> passwords) throws Exception {
        this(dir, passwords, List.of());
    }

    EmbeddedBroker(Path dir, Map<String, String> passwords, List<TlsListener> tlsListeners) throws Exception {
        this.port = freePort();
        Path conf = Files.createDirectories(dir.resolve("conf"));
        StringBuilder tls = new StringBuilder();
        for (TlsListener listener : tlsListeners) {
            tls.append("""
                        <tls-tcp-listener>
                          <port>%d</port><bind-address>127.0.0.1</bind-address>
                          <tls>
                            <keystore><path>%s</path><password>%s</password><private-key-password>%s</private-key-password></keystore>
                            <client-authentication-mode>NONE</client-authentication-mode>
                          </tls>
                        </tls-tcp-listener>
                    """.formatted(listener.port(), listener.keystore(), listener.password(), listener.password()));
        }
        Files.writeString(conf.resolve("config.xml"), """
                <?xml version="1.0"?>
                <hivemq>
                  <listeners>
                    <tcp-listener><port>%d</port><bind-address>127.0.0.1</bind-address></tcp-listener>
                %s  </listeners>
                  <persistence><mode>in-memory</mode></persistence>
                  <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
                </hivemq>
                """.formatted(port, tls));
        EmbeddedExtension auth = EmbeddedExtension.builder().withId("test-auth").withName("test-auth")
                .withVersion("1").withAuthor("sup-agent tests").withPriority(0).withStartPriority(1000)
                .withExtensionMain(new ExtensionMain() {
                    @Override
                    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
                        Services.securityRegistry().setAuthenticatorProvider(provider -> (SimpleAuthenticator)
                                (connect, result) -> {
                                    String user = connect.getConnectPacket().getUserName().orElse("");
                                    String password = connect.getConnectPacket().getPassword()
                                            .map(buffer -> StandardCharsets.UTF_8.decode(buffer).toString())
                                            .orElse("");
                                    if (password.equals(passwords.get(user))) {
                                        result.authenticateSuccessfully();
                                    } else {
                                        result.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD);
                                    }
                                });
                    }

                    @Override
                    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
                    }
                }).build();
        hivemq = EmbeddedHiveMQ.builder().withConfigurationFolder(conf)
                .withDataFolder(Files.createDirectories(dir.resolve("data")))
                .withExtensionsFolder(Files.createDirectories(dir.resolve("extensions")))
                .withEmbeddedExtension(auth).build();
        hivemq.start().join();
    }

    @Override
    public void close() throws Exception {
        hivemq.close();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
