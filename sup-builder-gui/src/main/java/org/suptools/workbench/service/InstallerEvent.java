package org.suptools.workbench.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.suptools.model.json.SupJson;

/**
 * One line of {@code sup-installer install --events}: a JSON object whose {@code event} names
 * what happened ({@code started}, {@code planned}, {@code action-started}, {@code action-succeeded},
 * {@code action-failed}, {@code rollback-started}, {@code action-rolled-back}, {@code finished},
 * ...) with its fields beside it.
 */
public record InstallerEvent(String name, ObjectNode fields) {

    /** The event a line holds, or empty when the line is not an event (the installer's own text). */
    public static Optional<InstallerEvent> parse(String line) {
        String trimmed = line.trim();
        if (!trimmed.startsWith("{")) {
            return Optional.empty();
        }
        try {
            JsonNode node = SupJson.json().readTree(trimmed);
            if (node instanceof ObjectNode object && object.path("event").isTextual()) {
                return Optional.of(new InstallerEvent(object.get("event").asText(), object));
            }
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    public String text(String field) {
        JsonNode value = fields.get(field);
        return value == null || value.isNull() ? "" : value.isContainerNode() ? value.toString() : value.asText();
    }

    public int integer(String field) {
        return fields.path(field).asInt(0);
    }
}
