package org.suptools.samples.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sample gateway runtime: a small long-running process that behaves, for the installer, like
 * a deviceWISE runtime. Started as {@code java -jar sample-runtime.jar RUNTIME_HOME}, it reads its
 * properties (see {@link RuntimeProperties}), serves {@code GET /health} on an ephemeral loopback
 * port, writes {@code run/runtime.port} and then {@code run/runtime.pid}, logs to {@code
 * logs/runtime.log}, and on SIGTERM removes both files and exits.
 *
 * <p>Health is 200 unless the property {@code dw.health.fail=true} is set or the file {@code
 * runtime/HEALTH_FAIL} exists (checked at every request), in which case it is 503: that is how a
 * "broken firmware" tree is built for tests.
 */
public final class SampleRuntime {

    public static final String PID_FILE = "run/runtime.pid";
    public static final String PORT_FILE = "run/runtime.port";
    public static final String LOG_FILE = "logs/runtime.log";
    public static final String VERSION_FILE = "runtime/VERSION";
    public static final String HEALTH_FAIL_FILE = "runtime/HEALTH_FAIL";
    public static final String HEALTH_FAIL_PROPERTY = "dw.health.fail";

    private final Path home;
    private final RuntimeProperties properties;
    private final String version;
    private final long pid = ProcessHandle.current().pid();
    private final Instant startedAt = Instant.now();
    private final RuntimeLog log;
    private HttpServer server;
    private int port;

    private SampleRuntime(Path home, RuntimeProperties properties, String version, RuntimeLog log) {
        this.home = home;
        this.properties = properties;
        this.version = version;
        this.log = log;
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: java -jar sample-runtime.jar RUNTIME_HOME");
            System.exit(2);
        }
        try {
            start(Path.of(args[0]));
        } catch (IOException | RuntimeException e) {
            System.err.println("sample-runtime: cannot start: " + e);
            System.exit(1);
        }
    }

    /**
     * Starts a runtime on {@code home} in this JVM and registers the shutdown hook that stops it.
     * The HTTP server's thread keeps the JVM alive.
     */
    static SampleRuntime start(Path home) throws IOException {
        Path absoluteHome = home.toAbsolutePath().normalize();
        RuntimeLog log = new RuntimeLog(absoluteHome.resolve(LOG_FILE));
        RuntimeProperties properties;
        try {
            properties = RuntimeProperties.load(absoluteHome);
        } catch (NoSuchFileException e) {
            log.error("cannot start: missing " + e.getFile());
            throw e;
        }
        log.setDebug(properties.flag("dw.debug") || "DEBUG".equalsIgnoreCase(properties.values().get("dw.log.level")));
        SampleRuntime runtime = new SampleRuntime(absoluteHome, properties, readVersion(absoluteHome), log);
        runtime.open();
        return runtime;
    }

    private void open() throws IOException {
        Files.createDirectories(home.resolve("run"));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
        port = server.getAddress().getPort();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "sample-runtime-shutdown"));
        for (Path file : properties.files()) {
            log.info("read " + home.relativize(file));
        }
        // The port first: a pid file, once there, means the health endpoint can be asked.
        writeAtomically(home.resolve(PORT_FILE), Integer.toString(port));
        writeAtomically(home.resolve(PID_FILE), Long.toString(pid));
        log.info("started version " + version + " pid " + pid + " health http://127.0.0.1:" + port + "/health");
    }

    private void stop() {
        log.info("stopping pid " + pid);
        if (server != null) {
            server.stop(0);
        }
        deleteIfMine(home.resolve(PORT_FILE), Integer.toString(port));
        deleteIfMine(home.resolve(PID_FILE), Long.toString(pid));
        log.info("stopped pid " + pid + " after " + Duration.between(startedAt, Instant.now()).toSeconds() + "s");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!"/health".equals(path)) {
                respond(exchange, 404, "{\"error\":\"not found: " + Json.escape(path) + "\"}");
                return;
            }
            if (!"GET".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, "{\"error\":\"method not allowed\"}");
                return;
            }
            List<String> problems = healthProblems();
            int code = problems.isEmpty() ? 200 : 503;
            log.debug("GET /health -> " + code);
            respond(exchange, code, healthJson(problems));
        }
    }

    private List<String> healthProblems() {
        List<String> problems = new ArrayList<>();
        if (properties.flag(HEALTH_FAIL_PROPERTY)) {
            problems.add(HEALTH_FAIL_PROPERTY + "=true");
        }
        if (Files.exists(home.resolve(HEALTH_FAIL_FILE))) {
            problems.add(HEALTH_FAIL_FILE + " exists");
        }
        return problems;
    }

    private String healthJson(List<String> problems) {
        StringBuilder json = new StringBuilder(256);
        json.append("{\"status\":\"").append(problems.isEmpty() ? "UP" : "DOWN").append('"');
        if (!problems.isEmpty()) {
            json.append(",\"problems\":").append(Json.array(problems));
        }
        json.append(",\"version\":\"").append(Json.escape(version)).append('"');
        json.append(",\"pid\":").append(pid);
        json.append(",\"startedAt\":\"").append(startedAt).append('"');
        json.append(",\"home\":\"").append(Json.escape(home.toString())).append('"');
        List<String> files = properties.files().stream().map(f -> home.relativize(f).toString()).toList();
        json.append(",\"propertyFiles\":").append(Json.array(files));
        json.append(",\"properties\":").append(Json.object(properties.values()));
        return json.append('}').toString();
    }

    private static void respond(HttpExchange exchange, int code, String body) throws IOException {
        byte[] bytes = (body + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String readVersion(Path home) throws IOException {
        Path file = home.resolve(VERSION_FILE);
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).trim() : "unknown";
    }

    private static void writeAtomically(Path file, String content) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp" + ProcessHandle.current().pid());
        Files.writeString(temp, content + "\n", StandardCharsets.UTF_8);
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Removes a run file only if it still names this process, not a newer runtime's. */
    private void deleteIfMine(Path file, String expected) {
        try {
            if (Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).trim().equals(expected)) {
                Files.delete(file);
            }
        } catch (IOException e) {
            log.error("cannot remove " + file + ": " + e.getMessage());
        }
    }

    /** Just enough JSON writing for the health document. */
    static final class Json {
        private Json() {
        }

        static String escape(String text) {
            StringBuilder out = new StringBuilder(text.length() + 8);
            for (char c : text.toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            return out.toString();
        }

        static String array(List<String> items) {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < items.size(); i++) {
                out.append(i == 0 ? "" : ",").append('"').append(escape(items.get(i))).append('"');
            }
            return out.append(']').toString();
        }

        static String object(Map<String, String> values) {
            StringBuilder out = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<String, String> entry : values.entrySet()) {
                out.append(first ? "" : ",")
                        .append('"').append(escape(entry.getKey())).append("\":\"")
                        .append(escape(entry.getValue())).append('"');
                first = false;
            }
            return out.append('}').toString();
        }
    }
}
