package org.suptools.portal.console;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.suptools.portal.store.DataDir;

/**
 * The console's JSON: the store's mapper, compact, with every character that means something to HTML
 * ({@code < > & ' "} inside strings) and the JavaScript line separators written as {@code \\uXXXX}. A
 * gateway's text (a package name, a log line) then never appears as markup in a response, whatever a
 * browser or a proxy takes the response for; the page itself puts it into the document as text only.
 */
final class ConsoleJson {

    private ConsoleJson() {
    }

    static ObjectMapper mapper() {
        ObjectMapper json = DataDir.mapper().copy().disable(SerializationFeature.INDENT_OUTPUT);
        json.getFactory().setCharacterEscapes(new HtmlSafe());
        return json;
    }

    private static final class HtmlSafe extends CharacterEscapes {

        private static final long serialVersionUID = 1L;

        private final int[] escapes;

        HtmlSafe() {
            escapes = standardAsciiEscapesForJSON();
            for (char c : new char[] {'<', '>', '&', '\'', '"'}) {
                escapes[c] = ESCAPE_STANDARD;
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            // U+2028 and U+2029 end a line in older JavaScript parsers; written escaped like the rest.
            if (ch == 0x2028 || ch == 0x2029) {
                return new com.fasterxml.jackson.core.io.SerializedString(String.format("\\u%04x", ch));
            }
            return null;
        }
    }
}
