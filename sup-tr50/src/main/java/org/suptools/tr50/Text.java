package org.suptools.tr50;

import com.fasterxml.jackson.databind.JsonNode;

/** How messages show values that came from a peer: quoted, escaped to one line, and short. */
final class Text {

    private static final int MAX_SHOWN = 60;

    private Text() {
    }

    /**
     * The text in double quotes, cut after 60 characters, with quotes, backslashes and every
     * character that could break a line or hide text (controls, line and paragraph separators,
     * format characters such as bidi overrides, lone surrogates) escaped as in JSON, so a hostile
     * value can neither make a message long nor split or disguise it in a log.
     */
    static String quote(String text) {
        int end = Math.min(text.length(), MAX_SHOWN);
        if (end > 0 && end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (hidesOrBreaks(text, i)) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append(end < text.length() ? "...\"" : "\"").toString();
    }

    private static boolean hidesOrBreaks(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
        }
        int type = Character.getType(c);
        return Character.isISOControl(c) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.FORMAT;
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
