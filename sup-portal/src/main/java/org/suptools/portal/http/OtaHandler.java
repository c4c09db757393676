package org.suptools.portal.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import org.suptools.model.version.SemVer;
import org.suptools.portal.files.FileEndpoint;
import org.suptools.portal.files.FileIds;
import org.suptools.portal.store.DataDir;
import org.suptools.portal.store.Ota;
import org.suptools.portal.store.OtaConfig;
import org.suptools.portal.store.OtaDevice;
import org.suptools.portal.store.Thing;
import org.suptools.portal.store.Things;

/**
 * The plain HTTP update backend of seed 003, for gateways that are not on a TR50 portal:
 * <ul>
 *   <li>{@code POST /ota/version}: the body is the device's current version, its {@code User-Agent}
 *       {@code <product>/<thingKey>}; the answer {@code {"upgrade": 0|1, "settings": [{"key", "val"}]}},
 *       with {@code version}, {@code size} and {@code sha256} of the package when it is 1;</li>
 *   <li>{@code GET|HEAD /ota/package/<thingKey>}: the offered package, with {@code Range} as the file
 *       endpoint serves it (the same code);</li>
 *   <li>{@code POST /ota/notify/<thingKey>}: the device's result, such as {@code 900 Success}, recorded.</li>
 * </ul>
 * Every request authenticates with HTTP Basic, the thing key and its app token (the seed's otapUser and
 * otapPassword), and may act only for that thing.
 */
public final class OtaHandler implements HttpHandler {

    /** The path prefix the backend is mounted on. */
    public static final String PATH = "/ota/";

    /** The longest version body read. */
    static final int MAX_VERSION_BYTES = 256;
    /** The longest notification body read. */
    static final int MAX_NOTIFY_BYTES = 4096;
    private static final String REALM = "Basic realm=\"sup-portal\", charset=\"UTF-8\"";

    private final ObjectMapper json = DataDir.mapper();
    private final Things things;
    private final Ota ota;
    private final FileEndpoint files;
    private final Clock clock;

    /** @param files the file endpoint, which streams the package with ranges and its injected faults */
    public OtaHandler(DataDir data, Clock clock, FileEndpoint files) {
        this.things = new Things(data, clock);
        this.ota = new Ota(data, clock);
        this.files = files;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath().substring(PATH.length());
            String method = exchange.getRequestMethod();
            Optional<Thing> thing = authenticate(exchange);
            if (thing.isEmpty()) {
                exchange.getResponseHeaders().set("WWW-Authenticate", REALM);
                text(exchange, 401, "authenticate with the thing key and its app token (HTTP Basic)");
                return;
            }
            String key = thing.get().key();
            if (path.equals("version")) {
                if (!method.equals("POST")) {
                    notAllowed(exchange, "POST");
                    return;
                }
                version(exchange, key);
            } else if (path.startsWith("package/")) {
                if (!method.equals("GET") && !method.equals("HEAD")) {
                    notAllowed(exchange, "GET, HEAD");
                    return;
                }
                if (forOther(exchange, key, path.substring("package/".length()))) {
                    return;
                }
                pkg(exchange, method.equals("HEAD"));
            } else if (path.startsWith("notify/")) {
                if (!method.equals("POST")) {
                    notAllowed(exchange, "POST");
                    return;
                }
                if (forOther(exchange, key, path.substring("notify/".length()))) {
                    return;
                }
                notify(exchange, key);
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    private void version(HttpExchange exchange, String key) throws IOException {
        String userAgent = Optional.ofNullable(exchange.getRequestHeaders().getFirst("User-Agent")).orElse("");
        int slash = userAgent.lastIndexOf('/');
        if (slash < 0) {
            text(exchange, 400, "User-Agent: must name the device as <product>/<thingKey>, such as SUP/" + key);
            return;
        }
        if (forOther(exchange, key, userAgent.substring(slash + 1))) {
            return;
        }
        Optional<String> body = body(exchange, MAX_VERSION_BYTES);
        if (body.isEmpty()) {
            text(exchange, 413, "body: a version is at most " + MAX_VERSION_BYTES + " bytes");
            return;
        }
        SemVer current;
        try {
            current = SemVer.parse(body.get().strip());
        } catch (IllegalArgumentException e) {
            text(exchange, 400, "body: " + oneLine(e.getMessage()));
            return;
        }
        Optional<Ota.OtaPackage> offered = ota.offeredPackage();
        boolean upgrade = offered.filter(p -> SemVer.parse(p.offer().version()).compareTo(current) > 0).isPresent();
        ObjectNode answer = json.createObjectNode().put("upgrade", upgrade ? 1 : 0);
        ArrayNode settings = answer.putArray("settings");
        OtaConfig config = ota.config();
        config.settings().forEach(s -> settings.addObject().put("key", s.key()).put("val", s.val()));
        if (upgrade) {
            OtaConfig.Offer offer = offered.get().offer();
            answer.put("version", offer.version()).put("size", offer.size()).put("sha256", offer.sha256());
        }
        ota.recordCheck(key, new OtaDevice.Check(clock.instant(), current.toString(), sanitize(userAgent, 256),
                upgrade ? 1 : 0, offered.map(p -> p.offer().version())));
        // Compact, as small devices expect it: one line.
        byte[] bytes = json.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(answer);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private void pkg(HttpExchange exchange, boolean head) throws IOException {
        Optional<Ota.OtaPackage> offered = ota.offeredPackage();
        if (offered.isEmpty()) {
            text(exchange, 404, "no package is offered");
            return;
        }
        OtaConfig.Offer offer = offered.get().offer();
        exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + offer.fileName() + "\"");
        exchange.getResponseHeaders().set("ETag", "\"" + offer.sha256() + "\"");
        files.serve(exchange, new FileIds.Download(offer.fileName(), offered.get().bytes(), offer.size()), head);
    }

    private void notify(HttpExchange exchange, String key) throws IOException {
        Optional<String> body = body(exchange, MAX_NOTIFY_BYTES);
        if (body.isEmpty()) {
            text(exchange, 413, "body: a notification is at most " + MAX_NOTIFY_BYTES + " bytes");
            return;
        }
        String result = sanitize(body.get().strip(), MAX_NOTIFY_BYTES);
        if (result.isEmpty()) {
            text(exchange, 400, "body: the result is empty (post such as: 900 Success)");
            return;
        }
        ota.recordNotification(key, result);
        exchange.sendResponseHeaders(204, -1);
    }

    /** The thing whose key and app token the Basic credentials are, if any. */
    private Optional<Thing> authenticate(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6) || header.length() > 1024) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String token = decoded.substring(colon + 1);
        return things.find(decoded.substring(0, colon)).filter(t -> t.accepts(t.appId(), token));
    }

    /** Answers 403 when {@code named} is not the authenticated thing. */
    private static boolean forOther(HttpExchange exchange, String key, String named) throws IOException {
        if (named.equals(key)) {
            return false;
        }
        text(exchange, 403, "a thing may act only for itself, not for " + sanitize("'" + named + "'", 140));
        return true;
    }

    /** The body as UTF-8 text, or empty when it is longer than {@code max} bytes (read no further). */
    private static Optional<String> body(HttpExchange exchange, int max) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(max + 1);
            return bytes.length > max ? Optional.empty() : Optional.of(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    private static void notAllowed(HttpExchange exchange, String allow) throws IOException {
        exchange.getResponseHeaders().set("Allow", allow);
        exchange.sendResponseHeaders(405, -1);
    }

    private static void text(HttpExchange exchange, int status, String message) throws IOException {
        byte[] bytes = (message + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** One line, control characters replaced, at most {@code max} characters: what a device sent, made safe. */
    private static String sanitize(String text, int max) {
        String line = text.codePoints().map(c -> Character.isISOControl(c) ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return line.length() > max ? line.substring(0, max) : line;
    }

    private static String oneLine(String message) {
        return message == null ? "not a SemVer version" : message.replaceAll("\\s*\\R\\s*", " ");
    }
}
