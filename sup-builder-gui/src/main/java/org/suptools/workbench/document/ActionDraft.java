package org.suptools.workbench.document;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.suptools.model.action.Action;
import org.suptools.model.action.ActionType;
import org.suptools.model.json.JsonProblems;
import org.suptools.model.json.SupJson;
import org.suptools.model.problem.Problem;

/**
 * An action as it is being edited: its type and its fields in the flat form specs use
 * ({@code id}, {@code type}, header fields and parameters side by side). Unlike an
 * {@link Action} record it may be incomplete or wrong; {@link #build()} says what the model
 * thinks of it, with the same messages the CLI gives for the same spec. Immutable: every change
 * returns a new draft.
 */
public final class ActionDraft {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The order fields are written in: id and type first, then the header, then the parameters. */
    private static final List<String> HEADER = List.of("id", "type", "description", "when", "timeout", "onError");

    private final ActionType type;
    private final ObjectNode node;

    private ActionDraft(ActionType type, ObjectNode node) {
        this.type = type;
        this.node = node;
    }

    /** A draft from a flat action node; its {@code type} must name a known action type. */
    public static ActionDraft of(ObjectNode flat) {
        String typeName = flat.path("type").asText("");
        ActionType type = ActionType.fromName(typeName)
                .orElseThrow(() -> new IllegalArgumentException("type: unknown action type '" + typeName + "'"));
        return new ActionDraft(type, flat.deepCopy());
    }

    /** A new action of this type with only its id set. */
    public static ActionDraft newAction(ActionType type, String id) {
        ObjectNode flat = NODES.objectNode();
        flat.put("id", id);
        flat.put("type", type.typeName());
        if (type == ActionType.VERIFY) {
            flat.put("check", "file-exists");
        }
        if (type == ActionType.PACKAGE_INSTALL) {
            flat.put("manager", "dpkg");
        }
        return new ActionDraft(type, flat);
    }

    /** The draft of a valid action, in the form the model writes it. */
    public static ActionDraft fromAction(Action action) {
        return of(SupJson.json().valueToTree(action));
    }

    public ActionType type() {
        return type;
    }

    /** A copy of the flat form. */
    public ObjectNode node() {
        return node.deepCopy();
    }

    public String id() {
        return text("id");
    }

    /** The text of a field, or "" when it is absent. Lists and mappings are not text. */
    public String text(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isContainerNode() || value.isNull() ? "" : value.asText();
    }

    public boolean bool(String field) {
        return node.path(field).asBoolean(false);
    }

    /** The entries of a list field as text; a single value counts as a list of one. */
    public List<String> list(String field) {
        return listIn(node.get(field));
    }

    /** The entries of a mapping field, in order. */
    public List<KeyValue> keyValues(String field) {
        List<KeyValue> entries = new ArrayList<>();
        JsonNode value = node.get(field);
        if (value != null && value.isObject()) {
            value.fields().forEachRemaining(e -> entries.add(new KeyValue(e.getKey(), e.getValue().asText())));
        }
        return entries;
    }

    /** One part of the {@code when} condition: os, product or architecture. */
    public List<String> when(String part) {
        return listIn(node.path("when").get(part));
    }

    public boolean hasWhen() {
        JsonNode when = node.get("when");
        return when != null && when.isObject() && when.size() > 0;
    }

    /** The field set to text; blank text removes it. */
    public ActionDraft withText(String field, String text) {
        return with(field, text == null || text.isBlank() ? null : NODES.textNode(text));
    }

    /** The flag set; false removes it, as the model's default. */
    public ActionDraft withBool(String field, boolean value) {
        return with(field, value ? NODES.booleanNode(true) : null);
    }

    /** The list set; blank entries are dropped and an empty list removes the field. */
    public ActionDraft withList(String field, List<String> values) {
        return with(field, array(values, false));
    }

    /**
     * Whole numbers set; an entry that is not one is kept as text, so that the model's check
     * names it rather than the editor dropping it.
     */
    public ActionDraft withNumbers(String field, List<String> values) {
        return with(field, array(values, true));
    }

    public ActionDraft withKeyValues(String field, List<KeyValue> entries) {
        ObjectNode map = NODES.objectNode();
        for (KeyValue entry : entries) {
            if (!entry.key().isBlank()) {
                map.put(entry.key().trim(), entry.value());
            }
        }
        return with(field, map.isEmpty() ? null : map);
    }

    /** One part of the {@code when} condition set; the condition goes when no part is left. */
    public ActionDraft withWhen(String part, List<String> values) {
        ObjectNode when = node.get("when") instanceof ObjectNode existing ? existing.deepCopy() : NODES.objectNode();
        ArrayNode array = array(values, false);
        if (array == null) {
            when.remove(part);
        } else {
            when.set(part, array);
        }
        ObjectNode ordered = NODES.objectNode();
        for (String name : List.of("os", "product", "architecture")) {
            if (when.has(name)) {
                ordered.set(name, when.get(name));
            }
        }
        return with("when", ordered.isEmpty() ? null : ordered);
    }

    public ActionDraft withId(String id) {
        return withText("id", id);
    }

    /** The field set to a node, or removed when {@code value} is null; header fields stay first. */
    public ActionDraft with(String field, JsonNode value) {
        ObjectNode copy = NODES.objectNode();
        for (String name : HEADER) {
            if (name.equals(field)) {
                if (value != null) {
                    copy.set(name, value.deepCopy());
                }
            } else if (node.has(name)) {
                copy.set(name, node.get(name).deepCopy());
            }
        }
        boolean placed = HEADER.contains(field);
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            if (HEADER.contains(entry.getKey())) {
                continue;
            }
            if (entry.getKey().equals(field)) {
                placed = true;
                if (value != null) {
                    copy.set(field, value.deepCopy());
                }
            } else {
                copy.set(entry.getKey(), entry.getValue().deepCopy());
            }
        }
        if (!placed && value != null) {
            copy.set(field, value.deepCopy());
        }
        return new ActionDraft(type, copy);
    }

    /**
     * The action this draft makes, or every problem the model finds, located within the action.
     * The model stops at the first missing field; each one is then filled with a stand-in value and
     * the draft tried again, so that a new action lists all of its missing fields at once, as the
     * whole-package checks do. A problem about a stand-in value is never reported.
     */
    public Result build() {
        ObjectNode attempt = node.deepCopy();
        List<Problem> problems = new ArrayList<>();
        Set<String> filled = new HashSet<>();
        List<FieldSpec> fields = ActionFields.of(type);
        for (int round = 0; round <= fields.size(); round++) {
            Optional<Problem> found;
            try {
                Action action = SupJson.json().treeToValue(attempt, Action.class);
                if (round == 0) {
                    return new Result(Optional.of(action), List.of());
                }
                break;
            } catch (JsonProcessingException | IllegalArgumentException e) {
                found = Optional.of(e instanceof JsonProcessingException json
                        ? JsonProblems.of(json)
                        : Problem.error("", e.getMessage()));
            }
            Problem problem = found.get();
            if (round > 0 && (problem.location().isEmpty() || filled.contains(problem.location()))) {
                break;
            }
            problems.add(problem);
            Optional<FieldSpec> missing = fields.stream().filter(f -> f.name().equals(problem.location())).findFirst();
            if (missing.isEmpty() || !problem.message().startsWith("is required")) {
                break;
            }
            attempt.set(missing.get().name(), standIn(missing.get()));
            filled.add(missing.get().name());
        }
        return new Result(Optional.empty(), problems);
    }

    /** A value the model accepts for a field, to look past its absence. */
    private static JsonNode standIn(FieldSpec field) {
        return switch (field.kind()) {
            case LIST -> NODES.arrayNode().add("x");
            case NUMBER_LIST -> NODES.arrayNode().add(0);
            case KEY_VALUES -> NODES.objectNode().put("x", "x");
            case BOOLEAN -> NODES.booleanNode(false);
            case MODE -> NODES.textNode("0644");
            case CHOICE, OPTIONAL_CHOICE -> NODES.textNode(field.choices().get(0));
            default -> NODES.textNode("x");
        };
    }

    /** What a list row shows: the action's own summary, or what is missing. */
    public String summary() {
        Result result = build();
        return result.action().map(Action::summary)
                .orElseGet(() -> "(incomplete) " + result.problem().map(Problem::toString).orElse(""));
    }

    /** The outcome of {@link #build()}: an action, or the problems that stop it (at least one). */
    public record Result(Optional<Action> action, List<Problem> problems) {

        public Result {
            problems = List.copyOf(problems);
        }

        /** The first problem, the one a list row shows. */
        public Optional<Problem> problem() {
            return problems.stream().findFirst();
        }
    }

    private static List<String> listIn(JsonNode value) {
        List<String> values = new ArrayList<>();
        if (value == null || value.isNull()) {
            return values;
        }
        if (value.isArray()) {
            value.forEach(v -> values.add(v.asText()));
        } else {
            values.add(value.asText());
        }
        return values;
    }

    private static ArrayNode array(List<String> values, boolean numbers) {
        ArrayNode array = NODES.arrayNode();
        for (String value : values) {
            String text = value == null ? "" : value.trim();
            if (text.isEmpty()) {
                continue;
            }
            if (numbers && text.matches("-?\\d{1,9}")) {
                array.add(Integer.parseInt(text));
            } else {
                array.add(text);
            }
        }
        return array.isEmpty() ? null : array;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ActionDraft draft && draft.type == type && draft.node.equals(node);
    }

    @Override
    public int hashCode() {
        return node.hashCode();
    }

    @Override
    public String toString() {
        return node.toString();
    }
}
