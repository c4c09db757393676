package org.suptools.tr50;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Reads the fields of one JSON object, strictly typed and located. Field names are matched without
 * regard to case (peers write {@code errorcodes} as well as {@code errorCodes}); two spellings of
 * one name in the same object are refused as ambiguous. A field whose value is {@code null} counts
 * as absent. Fields nobody asks for are ignored, or collected by {@link #others}.
 */
final class FieldReader {

    private final ObjectNode object;
    private final Location at;

    private FieldReader(ObjectNode object, Location at) {
        this.object = object;
        this.at = at;
    }

    /** The object at {@code at}; anything else is refused, naming what was found. */
    static FieldReader of(JsonNode node, Location at, String expected) throws Tr50Exception {
        if (!(node instanceof ObjectNode object)) {
            throw at.problem("must be " + expected + " (a JSON object), found " + Text.kind(node));
        }
        return new FieldReader(object, at);
    }

    static FieldReader of(Params params, Location at) {
        return new FieldReader(params.node(), at);
    }

    Location location() {
        return at;
    }

    Optional<JsonNode> find(String name) throws Tr50Exception {
        JsonNode found = null;
        List<String> spellings = new ArrayList<>();
        for (Iterator<String> names = object.fieldNames(); names.hasNext();) {
            String candidate = names.next();
            if (candidate.equalsIgnoreCase(name)) {
                spellings.add(candidate);
                found = object.get(candidate);
            }
        }
        if (spellings.size() > 1) {
            throw at.field(name).problem("is given more than once: "
                    + spellings.stream().map(Text::quote).collect(Collectors.joining(", ")));
        }
        return found == null || found.isNull() ? Optional.empty() : Optional.of(found);
    }

    JsonNode required(String name) throws Tr50Exception {
        return find(name).orElseThrow(() -> at.field(name).problem("missing"));
    }

    String string(String name) throws Tr50Exception {
        return text(at.field(name), required(name));
    }

    Optional<String> optionalString(String name) throws Tr50Exception {
        Optional<JsonNode> value = find(name);
        return value.isEmpty() ? Optional.empty() : Optional.of(text(at.field(name), value.get()));
    }

    int integer(String name) throws Tr50Exception {
        return integer(at.field(name), required(name));
    }

    Optional<Integer> optionalInteger(String name) throws Tr50Exception {
        Optional<JsonNode> value = find(name);
        return value.isEmpty() ? Optional.empty() : Optional.of(integer(at.field(name), value.get()));
    }

    long wholeNumber(String name) throws Tr50Exception {
        JsonNode value = required(name);
        if (!value.isIntegralNumber()) {
            throw expected(at.field(name), "a whole number", value);
        }
        if (!value.canConvertToLong()) {
            throw at.field(name).problem("is out of range: " + Text.number(value));
        }
        return value.longValue();
    }

    boolean bool(String name) throws Tr50Exception {
        return bool(at.field(name), required(name));
    }

    Optional<Boolean> optionalBool(String name) throws Tr50Exception {
        Optional<JsonNode> value = find(name);
        return value.isEmpty() ? Optional.empty() : Optional.of(bool(at.field(name), value.get()));
    }

    /** An ISO-8601 time: {@code 2026-11-23T00:46:05.163991630Z}, or with an offset such as {@code +01:00}. */
    Optional<Instant> optionalInstant(String name) throws Tr50Exception {
        Optional<String> text = optionalString(name);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text.get()).toInstant());
        } catch (DateTimeParseException e) {
            throw at.field(name).problem("must be an ISO-8601 time such as 2026-01-01T10:00:00Z, found "
                    + Text.quote(text.get()));
        }
    }

    /** A nested object; absent reads as an empty one. */
    FieldReader object(String name) throws Tr50Exception {
        Optional<JsonNode> value = find(name);
        return value.isEmpty() ? new FieldReader(JsonTree.NODES.objectNode(), at.field(name))
                : of(value.get(), at.field(name), "an object");
    }

    /** A nested object as params; absent reads as empty. */
    Params params(String name) throws Tr50Exception {
        return object(name).all();
    }

    Optional<Params> optionalParams(String name) throws Tr50Exception {
        return find(name).isEmpty() ? Optional.empty() : Optional.of(params(name));
    }

    /** The elements of an array field; absent reads as no elements. */
    List<JsonNode> array(String name) throws Tr50Exception {
        Optional<JsonNode> value = find(name);
        if (value.isEmpty()) {
            return List.of();
        }
        if (!value.get().isArray()) {
            throw expected(at.field(name), "an array", value.get());
        }
        List<JsonNode> elements = new ArrayList<>();
        value.get().elements().forEachRemaining(elements::add);
        return elements;
    }

    List<Integer> integers(String name) throws Tr50Exception {
        List<JsonNode> elements = array(name);
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            values.add(integer(at.field(name).index(i), elements.get(i)));
        }
        return values;
    }

    List<String> strings(String name) throws Tr50Exception {
        List<JsonNode> elements = array(name);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            values.add(text(at.field(name).index(i), elements.get(i)));
        }
        return values;
    }

    /** The whole object as params. */
    Params all() {
        return Params.of(object);
    }

    /** The fields whose names match none of {@code known} (in any case), in their order. */
    Params others(Set<String> known) {
        Set<String> lower = known.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        Params.Builder rest = Params.builder();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!lower.contains(field.getKey().toLowerCase(Locale.ROOT))) {
                rest.put(field.getKey(), field.getValue());
            }
        }
        return rest.build();
    }

    /**
     * Makes the value from what was read; a field the constructor refuses becomes a problem located
     * in this object.
     */
    <T> T build(Supplier<T> constructor) throws Tr50Exception {
        try {
            return constructor.get();
        } catch (InvalidFieldException e) {
            throw new Tr50Exception(e.field(), e.problem()).within(at.toString());
        }
    }

    private static String text(Location where, JsonNode value) throws Tr50Exception {
        if (!value.isTextual()) {
            throw expected(where, "a string", value);
        }
        return value.textValue();
    }

    private static int integer(Location where, JsonNode value) throws Tr50Exception {
        if (!value.isIntegralNumber()) {
            throw expected(where, "a whole number", value);
        }
        if (!value.canConvertToInt()) {
            throw where.problem("is out of range: " + Text.number(value));
        }
        return value.intValue();
    }

    private static boolean bool(Location where, JsonNode value) throws Tr50Exception {
        if (!value.isBoolean()) {
            throw expected(where, "true or false", value);
        }
        return value.booleanValue();
    }

    private static Tr50Exception expected(Location where, String expected, JsonNode found) {
        return where.problem("must be " + expected + ", found " + Text.kind(found));
    }
}
