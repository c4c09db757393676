package org.suptools.portal.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.suptools.portal.store.ApprovalOrder;
import org.suptools.portal.store.Campaign;
import org.suptools.portal.store.CampaignStatus;
import org.suptools.portal.store.Campaigns;
import org.suptools.portal.store.DataDir;
import org.suptools.portal.store.RefusedException;
import org.suptools.portal.store.StageApprovals;
import org.suptools.portal.store.StoreException;
import org.suptools.portal.store.Things;

/**
 * The console's JSON API under {@value #PATH}, every request authenticated by the admin token in the
 * {@code Authorization: Bearer} header (never a cookie, so another site's page cannot make the browser send
 * it; and a request whose {@code Origin} is not the console's own is refused besides):
 * <ul>
 * <li>{@code GET session}: 204 when the token is right, what the login form asks;
 * <li>{@code GET things}, {@code GET things/KEY}: the things pages;
 * <li>{@code GET files}, {@code POST files?name=NAME} (the body is the file): the Developer Files;
 * <li>{@code GET campaigns}, {@code GET campaigns/ID}, {@code POST campaigns} ({@code {name, file, things,
 *     timeout?, approval?}}), {@code POST campaigns/ID/start}, {@code .../approve} ({@code {type, things?}}),
 *     {@code .../cancel}: the same store code the {@code campaign} commands run.
 * </ul>
 * A refused request is answered {@code {"error": "..."}}: 400 bad input, 401 no or wrong token, 403 a
 * foreign origin, 404 nothing there, 405 wrong method, 409 refused in the present state.
 */
final class ConsoleApi {

    static final String PATH = ConsoleHandler.PATH + "api/";

    private static final Logger LOG = Logger.getLogger(ConsoleApi.class.getName());
    private static final int MAX_JSON_BODY = 64 * 1024;
    private static final int DEFAULT_TIMEOUT = 1200;

    private final ObjectMapper json = ConsoleJson.mapper();
    private final ConsoleToken token;
    private final Things things;
    private final Campaigns campaigns;
    private final DeveloperFiles files;
    private final ThingViews thingViews;

    ConsoleApi(DataDir data, ConsoleToken token, Presence presence, Clock clock) {
        this.token = token;
        this.things = new Things(data, clock);
        this.campaigns = new Campaigns(data, clock);
        this.files = new DeveloperFiles(data, json, clock);
        this.thingViews = new ThingViews(data, json, presence, clock);
    }

    void handle(HttpExchange exchange) throws IOException {
        if (!token.accepts(ConsoleToken.presentedBy(exchange))) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"sup-portal console\"");
            error(exchange, 401, "the console's admin token is missing or wrong (it is in the data directory's "
                    + ConsoleToken.FILE + ")");
            return;
        }
        if (foreignOrigin(exchange)) {
            error(exchange, 403, "a request from another origin is refused");
            return;
        }
        List<String> path = List.of(exchange.getRequestURI().getPath().substring(PATH.length()).split("/", -1));
        String method = exchange.getRequestMethod();
        try {
            Optional<Reply> reply = switch (method) {
                case "GET" -> read(path);
                case "POST" -> write(path, exchange);
                default -> Optional.of(new Reply(405, error("the console API takes GET and POST")));
            };
            if (reply.isEmpty()) {
                error(exchange, 404, "no such page of the console API");
                return;
            }
            if (reply.get().status() == 204) {
                Responses.send(exchange, 204, "application/json", new byte[0]);
                return;
            }
            Responses.send(exchange, reply.get().status(), "application/json; charset=utf-8",
                    json.writeValueAsBytes(reply.get().body()));
        } catch (IllegalArgumentException e) {
            error(exchange, 400, oneLine(e.getMessage()));
        } catch (RefusedException e) {
            error(exchange, 409, oneLine(e.getMessage()));
        } catch (StoreException e) {
            error(exchange, 500, oneLine(e.getMessage()));
        } catch (RuntimeException e) {
            LOG.warning(() -> "console API " + method + " " + exchange.getRequestURI().getPath() + ": " + e);
            error(exchange, 500, "the portal could not answer: " + oneLine(e.getMessage()));
        }
    }

    private Optional<Reply> read(List<String> path) {
        String what = path.get(0);
        if (path.size() == 1) {
            return switch (what) {
                case "session" -> Optional.of(new Reply(204, json.nullNode()));
                case "things" -> {
                    ArrayNode list = json.createArrayNode();
                    things.all().forEach(thing -> list.add(thingViews.summary(thing)));
                    yield Optional.of(Reply.ok(list));
                }
                case "files" -> Optional.of(Reply.ok(files.all()));
                case "campaigns" -> Optional.of(Reply.ok(campaignList()));
                default -> Optional.empty();
            };
        }
        if (path.size() == 2) {
            String id = path.get(1);
            return switch (what) {
                case "things" -> things.find(id).map(thing -> Reply.ok(thingViews.detail(thing)));
                case "campaigns" -> campaigns.status(id).map(status -> Reply.ok(json.valueToTree(status)));
                default -> Optional.empty();
            };
        }
        return Optional.empty();
    }

    private Optional<Reply> write(List<String> path, HttpExchange exchange) throws IOException {
        String what = path.get(0);
        if (path.size() == 1 && what.equals("files")) {
            String name = query(exchange, "name").orElseThrow(() -> new IllegalArgumentException(
                    "name: the file's name is required (?name=NAME)"));
            try (InputStream body = exchange.getRequestBody()) {
                return Optional.of(new Reply(201, files.upload(name, body)));
            }
        }
        if (path.size() == 1 && what.equals("campaigns")) {
            JsonNode body = jsonBody(exchange);
            files.requireReadable(requiredText(body, "file"));
            Campaign created = campaigns.create(requiredText(body, "name"), requiredText(body, "file"),
                    texts(body, "things"), body.has("timeout") ? intValue(body, "timeout") : DEFAULT_TIMEOUT,
                    StageApprovals.of(texts(body, "approval")));
            return Optional.of(new Reply(201, json.valueToTree(campaigns.status(created))));
        }
        if (path.size() == 3 && what.equals("campaigns")) {
            String id = path.get(1);
            if (campaigns.find(id).isEmpty()) {
                return Optional.empty();
            }
            return switch (path.get(2)) {
                case "start" -> {
                    campaigns.start(id);
                    yield Optional.of(Reply.ok(json.valueToTree(campaigns.status(id).orElseThrow())));
                }
                case "cancel" -> {
                    campaigns.cancel(id);
                    yield Optional.of(Reply.ok(json.valueToTree(campaigns.status(id).orElseThrow())));
                }
                case "approve" -> {
                    JsonNode body = jsonBody(exchange);
                    ApprovalOrder order = campaigns.approve(id, requiredText(body, "type"), 0, 0, texts(body, "things"));
                    ObjectNode reply = json.valueToTree(campaigns.status(id).orElseThrow());
                    reply.set("approvedOn", json.valueToTree(order.sentTo().stream().map(Campaign.Member::thingKey)
                            .toList()));
                    yield Optional.of(Reply.ok(reply));
                }
                default -> Optional.empty();
            };
        }
        return Optional.empty();
    }

    /** Each campaign without its members' records: the list page needs the counts only. */
    private ArrayNode campaignList() {
        ArrayNode list = json.createArrayNode();
        for (Campaign campaign : campaigns.all()) {
            CampaignStatus status = campaigns.status(campaign);
            ObjectNode node = json.valueToTree(status);
            node.remove("members");
            node.put("memberCount", status.members().size());
            list.add(node);
        }
        return list;
    }

    private JsonNode jsonBody(HttpExchange exchange) throws IOException {
        byte[] bytes;
        try (InputStream body = exchange.getRequestBody()) {
            bytes = body.readNBytes(MAX_JSON_BODY + 1);
        }
        if (bytes.length > MAX_JSON_BODY) {
            throw new IllegalArgumentException("body: larger than " + MAX_JSON_BODY + " bytes");
        }
        JsonNode node;
        try {
            node = json.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("body: not JSON: " + oneLine(e.getMessage()));
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("body: must be a JSON object");
        }
        return node;
    }

    private static String requiredText(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(field + ": is required (a text)");
        }
        return value.asText();
    }

    private static int intValue(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new IllegalArgumentException(field + ": must be a whole number, was " + value);
        }
        return value.asInt();
    }

    private static List<String> texts(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new IllegalArgumentException(field + ": must be a list of texts");
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isTextual()) {
                throw new IllegalArgumentException(field + "[" + i + "]: must be a text");
            }
            texts.add(value.get(i).asText());
        }
        return texts;
    }


    /** A browser names the page's origin on every POST; one that is not this console's is another site's. */
    private static boolean foreignOrigin(HttpExchange exchange) {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        String host = exchange.getRequestHeaders().getFirst("Host");
        return origin != null && (host == null || !origin.equals("http://" + host));
    }

    private static Optional<String> query(HttpExchange exchange, String name) {
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null) {
            return Optional.empty();
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                return Optional.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    private ObjectNode error(String message) {
        return json.createObjectNode().put("error", message);
    }

    private void error(HttpExchange exchange, int status, String message) throws IOException {
        Responses.send(exchange, status, "application/json; charset=utf-8", json.writeValueAsBytes(error(message)));
    }

    private static String oneLine(String message) {
        return message == null ? "no detail" : message.replaceAll("\\s*\\R\\s*", " ");
    }

    private record Reply(int status, JsonNode body) {

        static Reply ok(JsonNode body) {
            return new Reply(200, body);
        }
    }
}
