package org.suptools.agent.manage;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.suptools.agent.AgentLog;
import org.suptools.agent.config.ManageConfig;
import org.suptools.agent.store.AgentJson;
import org.suptools.tr50.http.StallGuard;

/**
 * The gateway's local management endpoint over HTTPS (docs/reference/agent.md, "The management
 * endpoint"): the gateway's identity and installed packages, and manual installs of an uploaded
 * {@code .sup} whose installer events stream back as NDJSON. Every request is authenticated first
 * (a bearer token, or a client certificate chained to the configured CA); nothing of a request
 * that is not is read or written.
 *
 * <pre>
 * GET  /v1/gateway                      identity, installed packages, busy
 * POST /v1/runs?dryRun=false&amp;name=F.sup   body: the package (Content-Length required); answers the run's stream
 * GET  /v1/runs/ID                      what was asked and, once ended, how it ended
 * GET  /v1/runs/ID/events?from=N        the run's stream from its line N on
 * </pre>
 *
 * A stream is one JSON object a line: {@code {"run": {...}}} first, then {@code {"n": 0, "line":
 * "..."}} for each line the installer wrote, then {@code {"end": {...}}}.
 */
public final class ManageServer implements AutoCloseable {

    public static final String NDJSON = "application/x-ndjson";
    private static final Pattern RUN = Pattern.compile("/v1/runs/([^/]+)");
    private static final Pattern EVENTS = Pattern.compile("/v1/runs/([^/]+)/events");
    private static final ObjectWriter LINE = AgentJson.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);
    static final int THREADS = 8;

    private final ManageConfig config;
    private final ManualRuns runs;
    private final GatewayStatus status;
    private final String thingKey;
    private final String fingerprint;
    private final Optional<BearerToken> token;
    private final AgentLog log;
    private final HttpsServer server;
    private final ExecutorService threads;
    private final StallGuard guard;

    private ManageServer(ManageConfig config, SSLContext tls, String fingerprint, ManualRuns runs,
            GatewayStatus status, String thingKey, AgentLog log, StallGuard guard) throws IOException {
        this.config = config;
        this.runs = runs;
        this.status = status;
        this.thingKey = thingKey;
        this.fingerprint = fingerprint;
        this.token = config.token().map(BearerToken::new);
        this.log = log;
        this.guard = guard;
        this.server = HttpsServer.create(new InetSocketAddress(config.address(), config.port()), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = tls.getDefaultSSLParameters();
                parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                parameters.setWantClientAuth(config.clientCaFile().isPresent());
                params.setSSLParameters(parameters);
            }
        });
        this.threads = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "sup-agent-manage");
            thread.setDaemon(true);
            return thread;
        });
        // A client that sends its headers or body slowly, or stops reading, is dropped: it holds no worker for long.
        server.setExecutor(guard.executor(threads));
        server.createContext("/", this::handle).getFilters().add(guard.filter());
    }

    /**
     * Starts the endpoint: its certificate from {@code certificateDir} (made at the first start),
     * its runs in {@code runsDir}.
     */
    public static ManageServer start(ManageConfig config, Path certificateDir, ManualRuns runs, List<String> installer,
            Path gatewayConfig, Path workDir, String thingKey, AgentLog log) throws IOException {
        return start(config, certificateDir, runs, installer, gatewayConfig, workDir, thingKey, log,
                StallGuard.started(StallGuard.Limits.DEFAULT, "sup-agent-manage-guard"));
    }

    /** As above, its clients' time bounded by {@code guard} (a test's sweeps on a fake clock). */
    public static ManageServer start(ManageConfig config, Path certificateDir, ManualRuns runs, List<String> installer,
            Path gatewayConfig, Path workDir, String thingKey, AgentLog log, StallGuard guard) throws IOException {
        EndpointCertificate certificate = EndpointCertificate.loadOrCreate(certificateDir, thingKey);
        ManageServer server = new ManageServer(config, certificate.serverContext(config.clientCaFile()),
                certificate.fingerprint(), runs, new GatewayStatus(installer, gatewayConfig, workDir), thingKey, log,
                guard);
        server.server.start();
        log.info("management endpoint on https://" + config.address() + ":" + server.port()
                + ", certificate SHA-256 " + certificate.fingerprint());
        return server;
    }

    /** The port it listens on: the configured one, or the one the system gave for port 0. */
    public int port() {
        return server.getAddress().getPort();
    }

    public String fingerprint() {
        return fingerprint;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!authenticated(exchange)) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"sup-agent\"");
                log.info("management endpoint: refused a request from " + client(exchange)
                        + " without a valid token or client certificate");
                error(exchange, 401, "a valid bearer token or client certificate is required");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            Matcher run = RUN.matcher(path);
            Matcher events = EVENTS.matcher(path);
            if (path.equals("/v1/gateway")) {
                if (allowed(exchange, method, "GET")) {
                    gateway(exchange);
                }
            } else if (path.equals("/v1/runs")) {
                if (allowed(exchange, method, "POST")) {
                    upload(exchange);
                }
            } else if (events.matches()) {
                if (allowed(exchange, method, "GET")) {
                    events(exchange, events.group(1));
                }
            } else if (run.matches()) {
                if (allowed(exchange, method, "GET")) {
                    run(exchange, run.group(1));
                }
            } else {
                error(exchange, 404, "no such resource: " + path);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client went away: what it asked for (a run) goes on without it.
        }
    }

    private boolean authenticated(HttpExchange exchange) {
        if (config.clientCaFile().isPresent() && exchange instanceof HttpsExchange https) {
            try {
                // Only a certificate that chains to the configured CA gets through the handshake.
                if (https.getSSLSession().getPeerCertificates().length > 0) {
                    return true;
                }
            } catch (SSLPeerUnverifiedException e) {
                // No client certificate: the token decides.
            }
        }
        return token.isPresent()
                && token.get().matches(Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")));
    }

    private static boolean allowed(HttpExchange exchange, String method, String expected) throws IOException {
        if (method.equals(expected)) {
            return true;
        }
        exchange.getResponseHeaders().set("Allow", expected);
        error(exchange, 405, method + " is not allowed here; use " + expected);
        return false;
    }

    private void gateway(HttpExchange exchange) throws IOException {
        GatewayStatus.Result result = status.read();
        ObjectNode body = AgentJson.mapper().createObjectNode();
        body.put("thingKey", thingKey);
        body.put("agentVersion", Optional.ofNullable(ManageServer.class.getPackage().getImplementationVersion())
                .orElse("development"));
        body.put("certificateSha256", fingerprint);
        body.put("busy", runs.busy());
        body.put("maxUploadBytes", config.maxUploadBytes());
        result.status().ifPresentOrElse(s -> body.set("status", s), () -> body.putNull("status"));
        result.problem().ifPresent(p -> body.put("statusProblem", p));
        json(exchange, 200, body);
    }

    private void upload(HttpExchange exchange) throws IOException, InterruptedException {
        Map<String, String> query = query(exchange);
        boolean dryRun = Boolean.parseBoolean(query.getOrDefault("dryRun", "false"));
        String name = query.getOrDefault("name", "package.sup").replaceAll("[\\p{Cntrl}/\\\\]", "_");
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared == null) {
            error(exchange, 411, "Content-Length is required: the package's size is checked before it is read");
            return;
        }
        long length;
        try {
            length = Long.parseLong(declared.strip());
        } catch (NumberFormatException e) {
            error(exchange, 400, "Content-Length is not a number: " + declared);
            return;
        }
        if (length > config.maxUploadBytes()) {
            error(exchange, 413, "the package has " + length + " bytes; this gateway takes at most "
                    + config.maxUploadBytes() + " (manage.maxUploadBytes)");
            return;
        }
        if (length < 1) {
            error(exchange, 400, "the package is empty");
            return;
        }
        if (runs.busy()) {
            error(exchange, 409, "another install is running on this gateway; try again when it has ended");
            return;
        }
        // Not closed here: on a broken connection closing the body throws, and the exchange closes it anyway.
        ManualRuns.Upload upload = runs.receive(exchange.getRequestBody(), length);
        if (upload instanceof ManualRuns.Upload.Dropped dropped) {
            log.info("management endpoint: an upload from " + client(exchange) + " was dropped, nothing kept: "
                    + dropped.why());
            error(exchange, 400, dropped.why());
            return;
        }
        ManualRuns.Upload.Received received = (ManualRuns.Upload.Received) upload;
        Optional<ManualRun> started = runs.start(received, name, dryRun, client(exchange));
        if (started.isEmpty()) {
            error(exchange, 409, "another install started on this gateway meanwhile; try again when it has ended");
            return;
        }
        stream(exchange, started.get(), 0);
    }

    private void run(HttpExchange exchange, String id) throws IOException {
        Optional<ManualRun> run = runs.find(id);
        if (run.isEmpty()) {
            error(exchange, 404, "no such run: " + id);
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("run", run.get().info());
        run.get().end().ifPresent(end -> body.put("end", end));
        json(exchange, 200, body);
    }

    private void events(HttpExchange exchange, String id) throws IOException, InterruptedException {
        Optional<ManualRun> run = runs.find(id);
        if (run.isEmpty()) {
            error(exchange, 404, "no such run: " + id);
            return;
        }
        long from;
        try {
            from = Long.parseLong(query(exchange).getOrDefault("from", "0"));
        } catch (NumberFormatException e) {
            error(exchange, 400, "from: must be a line number");
            return;
        }
        if (from < 0) {
            error(exchange, 400, "from: must be 0 or more");
            return;
        }
        stream(exchange, run.get(), from);
    }

    private static void stream(HttpExchange exchange, ManualRun run, long from)
            throws IOException, InterruptedException {
        exchange.getResponseHeaders().set("Content-Type", NDJSON);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        writeLine(out, Map.of("run", run.info()));
        run.streamTo(from, new ManualRun.LineSink() {
            @Override
            public void line(long number, String line) throws IOException {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("n", number);
                item.put("line", line);
                writeLine(out, item);
            }

            @Override
            public void end(RunEnd end) throws IOException {
                writeLine(out, Map.of("end", end));
            }
        });
    }

    private static void writeLine(OutputStream out, Object value) throws IOException {
        out.write(LINE.writeValueAsBytes(value));
        out.write('\n');
        out.flush();
    }

    private static void json(HttpExchange exchange, int code, Object body) throws IOException {
        byte[] bytes = AgentJson.bytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(code, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void error(HttpExchange exchange, int code, String message) throws IOException {
        json(exchange, code, Map.of("error", message));
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> values = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.putIfAbsent(key, value);
        }
        return values;
    }

    private static String client(HttpExchange exchange) {
        InetSocketAddress remote = exchange.getRemoteAddress();
        return remote == null ? "?" : remote.getAddress().getHostAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        guard.close();
        threads.shutdownNow();
        runs.close();
    }
}
