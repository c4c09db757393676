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
 * "window": "..."}}. The attribute holds the state of the gateway's latest update, which is a member's
 * only when its {@code mailboxId} is the member's message.
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

    /** The state the attribute shows for the message, or empty when it is another update's or unreadable. */
    static Optional<AgentState> of(Attribute attribute, String mailboxId, ObjectMapper json) {
        JsonNode value;
        try {
            value = json.readTree(attribute.value());
        } catch (IOException e) {
            return Optional.empty();
        }
        if (value == null || !value.isObject() || !value.path("mailboxId").asText("").equals(mailboxId)
                || !value.path("state").isTextual()) {
            return Optional.empty();
        }
        return Optional.of(new AgentState(value.get("state").asText(), text(value, "window"), text(value, "reason"),
                attribute.ts().orElse(attribute.receivedOn())));
    }

    private static Optional<String> text(JsonNode value, String field) {
        return value.path(field).isTextual() ? Optional.of(value.get(field).asText()) : Optional.empty();
    }
}
