package org.suptools.portal.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.suptools.portal.store.AgentState;
import org.suptools.portal.store.Attribute;
import org.suptools.portal.store.DataDir;
import org.suptools.portal.store.LogLine;
import org.suptools.portal.store.MailboxItem;
import org.suptools.portal.store.MailboxState;
import org.suptools.portal.store.Mailboxes;
import org.suptools.portal.store.Telemetry;
import org.suptools.portal.store.Thing;
import org.suptools.tr50.GatewaySupUpdate;

/**
 * The things page's records, read from the store: identity, connection, the agent's {@code sup.update.state},
 * what the portal knows is installed (the package name and version of each update a gateway acked as
 * succeeded, the newest per package), and the summary of the last install's {@code confirmation.json} as the
 * installer's {@code mailbox.ack} carried it. The detail adds the attributes, alarms and the log's tail.
 * App tokens are never shown.
 */
final class ThingViews {

    /** The log lines a thing's page shows, the newest. */
    static final int LOG_TAIL = 500;

    private final ObjectMapper json;
    private final Telemetry telemetry;
    private final Mailboxes mailboxes;
    private final Presence presence;
    private final Clock clock;

    ThingViews(DataDir data, ObjectMapper json, Presence presence, Clock clock) {
        this.json = json;
        this.telemetry = new Telemetry(data);
        this.mailboxes = new Mailboxes(data);
        this.presence = presence;
        this.clock = clock;
    }

    ObjectNode summary(Thing thing) {
        ObjectNode node = json.createObjectNode().put("key", thing.key()).put("appId", thing.appId())
                .put("createdOn", thing.createdOn().toString());
        Optional<Boolean> connected = presence.connected(thing.appId());
        node.put("connection", connected.map(c -> c ? "connected" : "disconnected").orElse("unknown"));
        Map<String, Attribute> attributes = telemetry.attributes(thing.key());
        Optional.ofNullable(attributes.get(AgentState.ATTRIBUTE)).flatMap(this::agentState)
                .ifPresent(state -> node.set("agentState", state));
        Instant now = clock.instant();
        List<MailboxItem> updates = mailboxes.mailbox(thing.key()).messages().stream()
                .map(message -> message.asOf(now)).filter(m -> m.method().equals(GatewaySupUpdate.METHOD)).toList();
        node.set("installed", installed(updates));
        lastConfirmation(updates).ifPresent(last -> node.set("lastConfirmation", last));
        return node;
    }

    ObjectNode detail(Thing thing) {
        ObjectNode node = summary(thing);
        node.set("attributes", json.valueToTree(telemetry.attributes(thing.key())));
        node.set("alarms", json.valueToTree(telemetry.alarms(thing.key())));
        List<LogLine> log = telemetry.logs(thing.key(), line -> true);
        node.put("logLines", log.size());
        node.set("log", json.valueToTree(log.subList(Math.max(0, log.size() - LOG_TAIL), log.size())));
        return node;
    }

    /** The agent's state attribute, a JSON object, with only the fields the page shows, each a string. */
    private Optional<ObjectNode> agentState(Attribute attribute) {
        JsonNode value;
        try {
            value = json.readTree(attribute.value());
        } catch (IOException e) {
            return Optional.empty();
        }
        if (value == null || !value.isObject() || !value.path("state").isTextual()) {
            return Optional.empty();
        }
        ObjectNode state = json.createObjectNode();
        for (String field : List.of("state", "mailboxId", "campaignId", "window", "reason")) {
            if (value.path(field).isTextual()) {
                state.put(field, value.get(field).asText());
            }
        }
        state.put("on", attribute.ts().orElse(attribute.receivedOn()).toString());
        return Optional.of(state);
    }

    private ArrayNode installed(List<MailboxItem> updates) {
        Map<String, ObjectNode> newest = new TreeMap<>();
        updates.stream().filter(m -> m.state() == MailboxState.COMPLETED && m.errorCode().orElse(-1) == 0)
                .filter(m -> !m.completedByPortal())
                .sorted(Comparator.comparing(m -> m.completedOn().orElseThrow()))
                .forEach(m -> m.result().ifPresent(result -> {
                    if (result.path("name").isTextual() && result.path("version").isTextual()) {
                        newest.put(result.get("name").asText(), json.createObjectNode()
                                .put("name", result.get("name").asText())
                                .put("version", result.get("version").asText())
                                .put("mailboxId", m.id())
                                .put("on", m.completedOn().orElseThrow().toString()));
                    }
                }));
        ArrayNode list = json.createArrayNode();
        newest.values().forEach(list::add);
        return list;
    }

    private Optional<ObjectNode> lastConfirmation(List<MailboxItem> updates) {
        return updates.stream().filter(m -> m.state() == MailboxState.COMPLETED)
                .max(Comparator.comparing(m -> m.completedOn().orElseThrow()))
                .map(m -> {
                    Map<String, String> fields = new LinkedHashMap<>();
                    fields.put("mailboxId", m.id());
                    m.campaignId().ifPresent(id -> fields.put("campaignId", id));
                    m.result().ifPresent(result -> {
                        for (String field : List.of("status", "name", "version")) {
                            if (result.path(field).isTextual()) {
                                fields.put(field, result.get(field).asText());
                            }
                        }
                    });
                    fields.putIfAbsent("status", m.errorCode().orElse(-1) == 0 ? "success" : "failure");
                    m.errorMessage().filter(text -> !text.isEmpty()).ifPresent(text -> fields.put("errorMessage", text));
                    fields.put("completedOn", m.completedOn().orElseThrow().toString());
                    fields.put("by", m.completedByPortal() ? "portal" : "gateway");
                    ObjectNode node = json.createObjectNode();
                    fields.forEach(node::put);
                    node.put("errorCode", m.errorCode().orElseThrow());
                    return node;
                });
    }
}
