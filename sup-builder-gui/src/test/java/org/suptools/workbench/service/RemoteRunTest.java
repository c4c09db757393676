package org.suptools.workbench.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A remote run against an HTTPS server that answers as the agent's management endpoint does, with
 * a certificate made for the test: the stream breaks after the first line, and the run asks for
 * the rest from the next line on; a wrong token and a changed certificate are refused.
 */
class RemoteRunTest {

    static final String TOKEN = "0123456789abcdef0123456789abcdef";
    static final String RUN = "00112233aabbccdd";

    @TempDir
    Path dir;

    HttpsServer server;
    String fingerprint;
    final List<String> asked = new CopyOnWriteArrayList<>();
    volatile long uploaded;

    @BeforeEach
    void serve() throws Exception {
        Path store = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "test-only",
                "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=gw-test",
                "-validity", "2").redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "test-only".toCharArray());
        }
        fingerprint = PinnedTrust.fingerprintOf((X509Certificate) keys.getCertificate("server"));
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, "test-only".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(managers.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            asked.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                byte[] body = "{\"error\": \"a valid bearer token or client certificate is required\"}"
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(401, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            if (exchange.getRequestMethod().equals("POST")) {
                uploaded = exchange.getRequestBody().readAllBytes().length;
                exchange.sendResponseHeaders(200, 0);
                OutputStream out = exchange.getResponseBody();
                out.write(("{\"run\": {\"id\": \"" + RUN + "\"}}\n{\"n\": 0, \"line\": \"first\"}\n")
                        .getBytes(StandardCharsets.UTF_8));
                // The stream ends here, as when the connection drops during the install.
                return;
            }
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write(("{\"run\": {\"id\": \"" + RUN + "\"}}\n"
                    + "{\"n\": 1, \"line\": \"second\"}\n"
                    + "{\"end\": {\"exitCode\": 0, \"stderr\": \"done\", \"confirmation\": \"{\\\"status\\\": "
                    + "\\\"succeeded\\\"}\", \"auditLines\": [\"audit one\"]}}\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private RemoteRun.Connect connect(String certificate, String token) {
        GatewayEntry gateway = new GatewayEntry("gw-test",
                URI.create("https://127.0.0.1:" + server.getAddress().getPort()), certificate);
        return () -> new AgentConnections(gateway, token);
    }

    @Test
    void aStreamThatBreaksDuringTheInstall_isReadOnFromTheNextLine_andEndsWithTheResult() throws Exception {
        Path pkg = Files.write(dir.resolve("demo.sup"), new byte[100_000]);
        RemoteRun run = RemoteRun.upload(connect(fingerprint, TOKEN), pkg, false);
        List<String> lines = new ArrayList<>();

        int exit = run.start(List.of()).follow(lines::add);

        assertThat(exit).isZero();
        assertThat(uploaded).isEqualTo(100_000);
        assertThat(lines).containsExactly("first", "second");
        assertThat(asked).containsExactly("POST /v1/runs?dryRun=false&name=demo.sup",
                "GET /v1/runs/" + RUN + "/events?from=1");
        assertThat(run.runId()).contains(RUN);
        assertThat(run.confirmation("any")).isEqualTo("{\"status\": \"succeeded\"}");
        assertThat(run.auditLinesSince()).containsExactly("audit one");
    }

    @Test
    void resume_readsTheRunFromItsFirstLine() throws Exception {
        RemoteRun run = RemoteRun.resume(connect(fingerprint, TOKEN), RUN);

        run.start(List.of()).follow(line -> {
        });

        assertThat(asked).containsExactly("GET /v1/runs/" + RUN + "/events?from=0");
    }

    @Test
    void aWrongToken_isRefusedInPlainWords() throws Exception {
        Path pkg = Files.write(dir.resolve("demo.sup"), new byte[10]);
        RemoteRun run = RemoteRun.upload(connect(fingerprint, "wrong-token-wrong-token"), pkg, false);

        assertThatThrownBy(() -> run.start(List.of()).follow(line -> {
        })).hasMessageContaining("gw-test: the gateway refused the token");
    }

    @Test
    void anotherCertificateThanTheTrustedOne_isRefusedBeforeAnythingIsSent() throws Exception {
        Path pkg = Files.write(dir.resolve("demo.sup"), new byte[10]);
        String other = (fingerprint.startsWith("AA") ? "BB" : "AA") + fingerprint.substring(2);
        RemoteRun run = RemoteRun.upload(connect(other, TOKEN), pkg, false);

        assertThatThrownBy(() -> run.start(List.of()).follow(line -> {
        })).isInstanceOf(CertificateChangedException.class).hasMessageContaining("has CHANGED")
                .hasMessageContaining(fingerprint);
        assertThat(asked).isEmpty();
    }
}
