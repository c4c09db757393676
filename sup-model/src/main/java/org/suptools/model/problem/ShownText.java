package org.suptools.model.problem;

/**
 * A name as a message may show it: every character that cannot be seen, or that changes how the
 * rest of the line reads, is escaped as a backslash, {@code u} and four hex digits, like
 * {@code 200B}. That is control characters (Cc), format characters (Cf: zero-width spaces and
 * joiners, bidi overrides and isolates, the byte-order mark, tag characters), line and paragraph
 * separators, spaces other than the plain space, lone surrogates, unassigned code points and the
 * Unicode non-characters. Two names that look the same on screen then
 * read differently in the message.
 */
public final class ShownText {

    private ShownText() {
    }

    /** {@code text} in single quotes, escaped. */
    public static String quoted(String text) {
        return "'" + escaped(text) + "'";
    }

    /** {@code text} with every invisible character escaped (as two escapes, a surrogate pair, beyond the BMP). */
    public static String escaped(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int length = Character.charCount(cp);
            if (isInvisible(cp)) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                for (int j = i; j < i + length; j++) {
                    out.append(String.format("\\u%04X", (int) text.charAt(j)));
                }
            } else if (out != null) {
                out.appendCodePoint(cp);
            }
            i += length;
        }
        return out == null ? text : out.toString();
    }

    /** Whether a code point is one {@link #escaped} writes out. */
    public static boolean isInvisible(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE, Character.UNASSIGNED -> true;
            case Character.SPACE_SEPARATOR -> cp != ' ';
            default -> isNonCharacter(cp);
        };
    }

    private static boolean isNonCharacter(int cp) {
        return cp >= 0xFDD0 && cp <= 0xFDEF || (cp & 0xFFFE) == 0xFFFE;
    }
}
