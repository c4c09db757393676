package org.suptools.tr50;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;

/** How messages show values that came from a peer: quoted, escaped to one line, and short. */
final class Text {

    private static final int MAX_SHOWN = 60;

    private Text() {
    }

    /** A JSON string literal of the text, cut after 60 characters so a hostile value stays short. */
    static String quote(String text) {
        boolean cut = text.length() > MAX_SHOWN;
        String shown = cut ? text.substring(0, MAX_SHOWN) : text;
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(shown)) + (cut ? "...\"" : "\"");
    }

    /** What kind of JSON value a node is, with an article: "a string", "an array", "null". */
    static String kind(JsonNode node) {
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isIntegralNumber()) {
            return "a whole number";
        }
        if (node.isNumber()) {
            return "a decimal number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isObject()) {
            return "an object";
        }
        return "null";
    }

    /** A number as text, cut short like {@link #quote} (a peer may send a thousand digits). */
    static String number(JsonNode node) {
        String text = node.asText();
        return text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN) + "..." : text;
    }
}
