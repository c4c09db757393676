package org.suptools.portal.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import org.suptools.portal.store.DataDir;

/**
 * The portal emulator's web console, served on its HTTP port under {@value #PATH}: one static page with its
 * script and style sheet (from this jar, no build step), and the token-guarded {@link ConsoleApi} the page
 * reads and writes through. The page puts every value into the document as text, never as markup.
 */
public final class ConsoleHandler implements HttpHandler {

    /** Where the console is mounted. */
    public static final String PATH = "/console/";

    /** The page and what it loads, by the name it is asked for; nothing else is served. */
    private static final Map<String, String> ASSETS = Map.of(
            "", "text/html; charset=utf-8",
            "console.js", "text/javascript; charset=utf-8",
            "console.css", "text/css; charset=utf-8");

    private final ConsoleApi api;
    private final Map<String, byte[]> assets;

    /**
     * @param presence asks the broker whether a thing is connected ({@link Presence#UNKNOWN} when it cannot)
     */
    public ConsoleHandler(DataDir data, ConsoleToken token, Presence presence, Clock clock) {
        this.api = new ConsoleApi(data, token, presence, clock);
        this.assets = Map.of("", asset("index.html"), "console.js", asset("console.js"), "console.css",
                asset("console.css"));
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals(PATH.substring(0, PATH.length() - 1))) {
                exchange.getResponseHeaders().set("Location", PATH);
                Responses.text(exchange, 308, "the console is at " + PATH);
                return;
            }
            if (path.startsWith(ConsoleApi.PATH)) {
                api.handle(exchange);
                return;
            }
            String name = path.startsWith(PATH) ? path.substring(PATH.length()) : null;
            if (name == null || !ASSETS.containsKey(name)) {
                Responses.text(exchange, 404, "not found");
                return;
            }
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                Responses.text(exchange, 405, "the console's pages are read with GET");
                return;
            }
            Responses.send(exchange, 200, ASSETS.get(name), assets.get(name));
        }
    }

    private static byte[] asset(String name) {
        try (InputStream in = ConsoleHandler.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the console's " + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the console's " + name + ": " + e.getMessage(), e);
        }
    }
}
