package org.suptools.model.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.suptools.model.action.Action;
import org.suptools.model.action.ActionHeader;
import org.suptools.model.action.ActionType;

/**
 * Reads and writes actions in their flat form, where the header fields sit beside the
 * parameters: {@code {"id": "copy-cfg", "type": "file.copy", "source": "a", "destination": "b"}}.
 * In memory each record holds an {@link ActionHeader}; this module moves the header fields in
 * and out of it, so authors never see the nesting.
 */
final class ActionModule extends SimpleModule {

    static final String TYPE = "type";
    static final String HEADER = "header";
    private static final Set<String> HEADER_FIELDS = Set.of("id", "description", "when", "timeout", "onError");

    ActionModule() {
        super("sup-actions");
        setSerializerModifier(new BeanSerializerModifier() {
            @Override
            @SuppressWarnings("unchecked")
            public JsonSerializer<?> modifySerializer(SerializationConfig config, BeanDescription description,
                    JsonSerializer<?> serializer) {
                return Action.class.isAssignableFrom(description.getBeanClass())
                        ? new FlatSerializer((JsonSerializer<Object>) serializer)
                        : serializer;
            }
        });
        addDeserializer(Action.class, new FlatDeserializer());
    }

    /** Writes an action flat: id and type first, then the other header fields, then the parameters. */
    private static final class FlatSerializer extends JsonSerializer<Action> {
        private final JsonSerializer<Object> recordSerializer;

        FlatSerializer(JsonSerializer<Object> recordSerializer) {
            this.recordSerializer = recordSerializer;
        }

        @Override
        public void serialize(Action action, JsonGenerator gen, SerializerProvider provider) throws IOException {
            TokenBuffer buffer = new TokenBuffer(gen.getCodec(), false);
            recordSerializer.serialize(action, buffer, provider);
            ObjectNode tree;
            try (JsonParser parser = buffer.asParser(gen.getCodec())) {
                tree = parser.readValueAsTree();
            }
            ObjectNode header = (ObjectNode) tree.remove(HEADER);
            ObjectNode flat = tree.objectNode();
            flat.set("id", header.remove("id"));
            flat.put(TYPE, action.type().typeName());
            flat.setAll(header);
            flat.setAll(tree);
            gen.writeTree(flat);
        }
    }

    /** Reads the flat form: moves the header fields into a nested header and binds the record of the type. */
    private static final class FlatDeserializer extends JsonDeserializer<Action> {
        @Override
        public Action deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw JsonMappingException.from(parser, "an action must be an object with at least 'id' and 'type'");
            }
            ObjectNode node = (ObjectNode) context.readTree(parser);
            if (node.get(TYPE) == null || node.get(TYPE).getNodeType() != JsonNodeType.STRING) {
                throw JsonMappingException.from(parser, "type: is required (one of " + knownTypes() + ")");
            }
            String typeName = node.get(TYPE).asText();
            ActionType type = ActionType.fromName(typeName).orElseThrow(() -> JsonMappingException.from(parser,
                    "type: unknown action type '" + typeName + "' (known: " + knownTypes() + ")"));
            if (node.has(HEADER)) {
                throw JsonMappingException.from(parser, "header: unknown field");
            }
            ObjectNode header = node.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (HEADER_FIELDS.contains(field.getKey())) {
                    header.set(field.getKey(), field.getValue());
                    fields.remove();
                }
            }
            node.remove(TYPE);
            node.set(HEADER, header);
            return context.readTreeAsValue(node, type.recordClass());
        }
    }

    private static String knownTypes() {
        return Arrays.stream(ActionType.values()).map(ActionType::typeName).collect(Collectors.joining(", "));
    }

}
