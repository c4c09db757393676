package org.suptools.tr50;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON object of parameters, immutable: a command's params as they go on the wire, a method's
 * free-form params, the params of an ack or of a successful reply. Field order is kept as given,
 * which is what makes the written form canonical; two instances are equal when they write the same
 * JSON.
 */
public final class Params {

    private static final Params EMPTY = new Params(JsonTree.NODES.objectNode());

    private final ObjectNode fields;
    private final String json;

    /** Takes ownership of {@code fields}: callers pass a node nobody else holds. */
    private Params(ObjectNode fields) {
        this.fields = fields;
        this.json = new String(JsonTree.compact(fields), StandardCharsets.UTF_8);
    }

    public static Params empty() {
        return EMPTY;
    }

    /**
     * The params of a JSON object, copied.
     *
     * @throws IllegalArgumentException if it holds a number JSON cannot write (NaN, infinity)
     */
    public static Params of(ObjectNode json) {
        ObjectNode copy = json.deepCopy();
        requireFiniteNumbers(copy, "params");
        return new Params(copy);
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    public int size() {
        return fields.size();
    }

    /** The field names, in order. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        fields.fieldNames().forEachRemaining(names::add);
        return List.copyOf(names);
    }

    /** A copy of the value of the field spelt exactly {@code name}, if present. */
    public Optional<JsonNode> get(String name) {
        return Optional.ofNullable(fields.get(name)).map(JsonNode::deepCopy);
    }

    /** A copy of the whole object. */
    public ObjectNode toJson() {
        return fields.deepCopy();
    }

    /** The object itself, for this package's readers and writers, which never change it. */
    ObjectNode node() {
        return fields;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Params that && json.equals(that.json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
    }

    /** The compact JSON form. */
    @Override
    public String toString() {
        return json;
    }

    private static void requireFiniteNumbers(JsonNode node, String where) {
        if (node.isDouble() || node.isFloat()) {
            double value = node.doubleValue();
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                throw new InvalidFieldException(where, "JSON has no " + value);
            }
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                requireFiniteNumbers(field.getValue(), where + "." + field.getKey());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                requireFiniteNumbers(node.get(i), where + "[" + i + "]");
            }
        }
    }

    /** Builds params field by field, in the order they will be written; each name once. */
    public static final class Builder {

        private final ObjectNode fields = JsonTree.NODES.objectNode();

        private Builder() {
        }

        public Builder put(String name, String value) {
            return set(name, JsonTree.NODES.textNode(Checks.present(name, value)));
        }

        public Builder put(String name, long value) {
            return set(name, value == (int) value ? JsonTree.NODES.numberNode((int) value)
                    : JsonTree.NODES.numberNode(value));
        }

        public Builder put(String name, boolean value) {
            return set(name, JsonTree.NODES.booleanNode(value));
        }

        public Builder put(String name, Params value) {
            return set(name, Checks.present(name, value).toJson());
        }

        /** Any JSON value, copied. */
        public Builder put(String name, JsonNode value) {
            JsonNode copy = Checks.present(name, value).deepCopy();
            requireFiniteNumbers(copy, name);
            return set(name, copy);
        }

        /** Every field of {@code more}, after those already put. */
        public Builder putAll(Params more) {
            more.node().fields().forEachRemaining(field -> set(field.getKey(), field.getValue().deepCopy()));
            return this;
        }

        public Params build() {
            return new Params(fields.deepCopy());
        }

        private Builder set(String name, JsonNode value) {
            Checks.present("name", name);
            if (fields.has(name)) {
                throw new InvalidFieldException(name, "given twice");
            }
            fields.set(name, value);
            return this;
        }
    }
}
