package org.suptools.tr50;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON text to trees and back. Reading is strict JSON with this module's own limits and messages:
 * a duplicate field, content after the value or nesting deeper than {@value #MAX_DEPTH} levels is
 * refused, and every parser failure becomes a sentence that names the field being read. Writing
 * has two canonical forms: compact (one line, for MQTT) and pretty (the layout of the installer's
 * report files: two-space indent, {@code "name": value}, a final newline).
 */
final class JsonTree {

    /** Deep enough for a method's params inside a mailbox message inside a reply, with room to spare. */
    static final int MAX_DEPTH = 64;

    /** Decimal numbers are kept exactly as sent, so a peer's params go back out unchanged. */
    static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY).nodeFactory(NODES).build();
    private static final ObjectWriter COMPACT = MAPPER.writer();
    private static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private final JsonParser parser;
    private final String what;
    private Location at = Location.root();

    private JsonTree(JsonParser parser, String what) {
        this.parser = parser;
        this.what = what;
    }

    /**
     * Parses one JSON value.
     *
     * @param what what the bytes are, for messages about the whole input: "request", "reply"
     */
    static JsonNode parse(byte[] json, String what) throws Tr50Exception {
        try (JsonParser parser = FACTORY.createParser(json)) {
            return new JsonTree(parser, what).document();
        } catch (IOException e) {
            // Only closing can get here: parsing failures are translated inside.
            throw new UncheckedIOException(e);
        }
    }

    static byte[] compact(JsonNode node) {
        try {
            return COMPACT.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    static byte[] pretty(JsonNode node) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PRETTY.writeValue(out, node);
            out.write('\n');
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    private JsonNode document() throws Tr50Exception {
        try {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new Tr50Exception("", "the " + what + " is empty");
            }
            JsonNode root = value(first, 1);
            if (parser.nextToken() != null) {
                throw new Tr50Exception("", "the " + what + " goes on after its JSON value"
                        + where(parser.currentTokenLocation()));
            }
            return root;
        } catch (JsonEOFException e) {
            throw problem("ends in the middle of a JSON value", e);
        } catch (StreamConstraintsException e) {
            throw problem("holds a number, string or field name longer than this reader accepts", e);
        } catch (JsonProcessingException e) {
            throw problem("is not valid JSON" + where(e.getLocation()), e);
        } catch (IOException e) {
            throw problem("is not valid JSON", e);
        }
    }

    private JsonNode value(JsonToken token, int depth) throws IOException, Tr50Exception {
        if (token == null) {
            throw problem("ends in the middle of a JSON value", null);
        }
        switch (token) {
            case START_OBJECT:
                return object(depth);
            case START_ARRAY:
                return array(depth);
            case VALUE_STRING:
                return NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return number();
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw problem("is not valid JSON" + where(parser.currentTokenLocation()), null);
        }
    }

    private JsonNode number() throws IOException, Tr50Exception {
        try {
            if (parser.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
                return NODES.numberNode(parser.getDecimalValue());
            }
            return switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> NODES.numberNode(parser.getBigIntegerValue());
            };
        } catch (NumberFormatException e) {
            // An exponent such as 1e400000000000 is valid JSON that no number type can hold.
            throw problem("is a number too large to read", e);
        }
    }

    private ObjectNode object(int depth) throws IOException, Tr50Exception {
        requireDepth(depth);
        ObjectNode object = NODES.objectNode();
        Location outer = at;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String name = parser.currentName();
            at = outer.field(name);
            if (object.has(name)) {
                throw at.problem("is given twice");
            }
            object.set(name, value(parser.nextToken(), depth + 1));
        }
        at = outer;
        return object;
    }

    private ArrayNode array(int depth) throws IOException, Tr50Exception {
        requireDepth(depth);
        ArrayNode array = NODES.arrayNode();
        Location outer = at;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            at = outer.index(array.size());
            array.add(value(token, depth + 1));
        }
        at = outer;
        return array;
    }

    private void requireDepth(int depth) throws Tr50Exception {
        if (depth > MAX_DEPTH) {
            throw problem("is nested deeper than " + MAX_DEPTH + " levels", null);
        }
    }

    /** A problem at the value being read; at the top, the sentence names the whole input. */
    private Tr50Exception problem(String problem, Throwable cause) {
        return at.isRoot() ? new Tr50Exception("", "the " + what + " " + problem, cause) : at.problem(problem, cause);
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
