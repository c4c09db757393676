package org.suptools.model.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Names in messages: what cannot be seen is escaped, what can is left alone. */
class ShownTextTest {

    @Test
    void invisibleCharacters_areEscapedLikeControlCharacters() {
        assertThat(ShownText.quoted("a\u0007b")).isEqualTo("'a\\u0007b'");
        assertThat(ShownText.escaped("pay\u200Bload")).as("zero-width space").isEqualTo("pay\\u200Bload");
        assertThat(ShownText.escaped("evil\u202Etxt.exe")).as("right-to-left override").isEqualTo("evil\\u202Etxt.exe");
        assertThat(ShownText.escaped("a\u2066b\u2069")).as("bidi isolates").isEqualTo("a\\u2066b\\u2069");
        assertThat(ShownText.escaped("\uFEFFname")).as("byte-order mark").isEqualTo("\\uFEFFname");
        assertThat(ShownText.escaped("a\u00A0b")).as("no-break space").isEqualTo("a\\u00A0b");
        assertThat(ShownText.escaped("x\uFDD0\uFFFE")).as("non-characters").isEqualTo("x\\uFDD0\\uFFFE");
        assertThat(ShownText.escaped("t\uDB40\uDC01")).as("a tag character, beyond the BMP")
                .isEqualTo("t\\uDB40\\uDC01");
        assertThat(ShownText.escaped("lone\uD800")).isEqualTo("lone\\uD800");
        assertThat(ShownText.escaped("a\u2028b")).as("line separator").isEqualTo("a\\u2028b");
    }

    @Test
    void visibleText_isLeftAsItIs() {
        for (String text : new String[] {"conf/app.properties", "données é ü", "日本語", "emoji \uD83D\uDE00", "a b"}) {
            assertThat(ShownText.escaped(text)).isSameAs(text);
        }
    }
}
