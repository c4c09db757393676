package org.suptools.portal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A gateway's update state as its agent publishes it, the {@code sup.update.state} attribute: one line
 * of JSON such as {@code {"state": "SCHEDULED_DOWNLOAD", "mailboxId": "M1", "campaignId": "C0001",
 * "window": "..."}}. The attribute holds the gateway's latest report, which may be another update's or
 * none's; a member's record takes the last report that names its message ({@link Telemetry#updateStates}).
 *
 * @param state such as {@code WAITING_FOR_DOWNLOAD_APPROVAL}
 * @param window the approval's window, in a scheduled or waiting state
 * @param reason why it failed, in a failed state
 * @param on when the agent entered the state (or, when it did not say, when the portal heard of it)
 */
public record AgentState(String state, Optional<String> window, Optional<String> reason, Instant on) {

    public static final String ATTRIBUTE = "sup.update.state";

    public AgentState {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(on, "on");
    }

    /**
     * The mailbox message a report names, or empty when it names none: an update check's
     * {@code INVENTORY_UP_TO_DATE} ({@code "mailboxId": null}), or a value that is not such a report.
     */
    static Optional<String> mailboxIdOf(Attribute attribute, ObjectMapper json) {
        JsonNode value;
        try {
            value = json.readTree(attribute.value());
        } catch (IOException e) {
            return Optional.empty();
        }
        if (value == null || !value.isObject() || !value.path("state").isTextual()
                || !value.path("mailboxId").isTextual() || value.get("mailboxId").asText().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(value.get("mailboxId").asText());
    }

    /** The state the attribute shows for the message, or empty when it is another update's, none's or unreadable. */
    static Optional<AgentState> of(Attribute attribute, String mailboxId, ObjectMapper json) {
        JsonNode value;
        try {
            value = json.readTree(attribute.value());
        } catch (IOException e) {
            return Optional.empty();
        }
        if (value == null || !value.isObject() || mailboxId.isEmpty() || !value.path("mailboxId").isTextual()
                || !value.get("mailboxId").asText().equals(mailboxId) || !value.path("state").isTextual()) {
            return Optional.empty();
        }
        return Optional.of(new AgentState(value.get("state").asText(), text(value, "window"), text(value, "reason"),
                attribute.ts().orElse(attribute.receivedOn())));
    }

    private static Optional<String> text(JsonNode value, String field) {
        return value.path(field).isTextual() ? Optional.of(value.get(field).asText()) : Optional.empty();
    }
}
