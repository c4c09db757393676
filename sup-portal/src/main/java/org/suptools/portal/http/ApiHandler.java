package org.suptools.portal.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.suptools.portal.console.ConsoleToken;
import org.suptools.portal.store.Campaigns;
import org.suptools.portal.store.DataDir;
import org.suptools.portal.store.FileStore;
import org.suptools.portal.store.LogLine;
import org.suptools.portal.store.Mailboxes;
import org.suptools.portal.store.Ota;
import org.suptools.portal.store.Releases;
import org.suptools.portal.store.Telemetry;
import org.suptools.portal.store.Thing;
import org.suptools.portal.store.Things;

/**
 * The read-only JSON API: {@code /api/things}, {@code /api/things/<key>} (attributes, alarms, mailbox,
 * last log lines), {@code /api/files}, {@code /api/campaigns}, {@code /api/campaigns/<id>} (with member
 * records), {@code /api/releases}, {@code /api/ota} (the plain HTTP backend's
 * offer, settings and what each device reported). App tokens are never shown. Like the web console, it answers
 * only a request that presents the portal's admin token ({@code Authorization: Bearer}, the data directory's
 * {@code console-token}): the fleet's identities, logs and campaigns are not for whoever reaches the port.
 */
public final class ApiHandler implements HttpHandler {

    /** The path prefix the API is mounted on. */
    public static final String PATH = "/api/";

    private static final int LOG_TAIL = 200;

    private final ObjectMapper json = DataDir.mapper();
    private final Things things;
    private final FileStore developerFiles;
    private final Campaigns campaigns;
    private final Mailboxes mailboxes;
    private final Telemetry telemetry;
    private final Releases releases;
    private final Ota ota;
    private final java.time.Clock clock;
    private final ConsoleToken adminToken;

    public ApiHandler(DataDir data, ConsoleToken adminToken, java.time.Clock clock) {
        this.clock = clock;
        this.adminToken = adminToken;
        this.things = new Things(data, clock);
        this.developerFiles = FileStore.developerFiles(data, clock);
        this.campaigns = new Campaigns(data, clock);
        this.mailboxes = new Mailboxes(data);
        this.telemetry = new Telemetry(data);
        this.releases = new Releases(data, clock);
        this.ota = new Ota(data, clock);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            if (!adminToken.accepts(ConsoleToken.presentedBy(exchange))) {
                byte[] why = json.writeValueAsBytes(java.util.Map.of("error", "the portal's admin token is missing or "
                        + "wrong (send Authorization: Bearer with the data directory's " + ConsoleToken.FILE + ")"));
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"sup-portal\"");
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(401, why.length);
                exchange.getResponseBody().write(why);
                return;
            }
            List<String> path = List.of(exchange.getRequestURI().getPath().substring(PATH.length()).split("/", -1));
            Optional<Object> body = route(path);
            if (body.isEmpty()) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] bytes = json.writeValueAsBytes(body.get());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private Optional<Object> route(List<String> path) {
        String what = path.get(0);
        if (path.size() == 1) {
            return switch (what) {
                case "things" -> Optional.of(things.all().stream().map(this::thingSummary).toList());
                case "files" -> Optional.of(developerFiles.all());
                case "campaigns" -> Optional.of(campaigns.all().stream().map(campaigns::status).toList());
                case "releases" -> Optional.of(ReleasesView.of(releases));
                case "ota" -> Optional.of(OtaView.of(ota));
                default -> Optional.empty();
            };
        }
        if (path.size() == 2) {
            String id = path.get(1);
            return switch (what) {
                case "things" -> things.find(id).map(this::thingDetail);
                case "campaigns" -> campaigns.status(id).map(status -> status);
                default -> Optional.empty();
            };
        }
        return Optional.empty();
    }

    private ObjectNode thingSummary(Thing thing) {
        return json.createObjectNode().put("key", thing.key()).put("appId", thing.appId())
                .put("createdOn", thing.createdOn().toString());
    }

    private ObjectNode thingDetail(Thing thing) {
        ObjectNode node = thingSummary(thing);
        node.set("attributes", json.valueToTree(telemetry.attributes(thing.key())));
        node.set("alarms", json.valueToTree(telemetry.alarms(thing.key())));
        // As the member records show them: a message past its ack deadline is the failure it is.
        java.time.Instant now = clock.instant();
        node.set("mailbox", json.valueToTree(mailboxes.mailbox(thing.key()).messages().stream()
                .map(message -> message.asOf(now)).toList()));
        List<LogLine> log = telemetry.logs(thing.key(), line -> true);
        node.set("log", json.valueToTree(log.subList(Math.max(0, log.size() - LOG_TAIL), log.size())));
        return node;
    }
}
