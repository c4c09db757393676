package org.suptools.model.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EntryNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"manifest.json", "payload/a", "payload/dir/file.tar.gz", "payload/..hidden",
            "payload/a..b", "payload/.config", "payload/ünïcödé/日本.txt", "payload/emoji-\uD83D\uDE00"})
    void problem_acceptsSafeRelativeNames(String name) {
        assertThat(EntryNames.problem(name)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/etc/passwd", "payload/../x", "..", "payload/..", "C:x", "c:/x", "payload\\x",
            "payload//x", "payload/./x", "./x", "payload/a\u0000b", "payload/a\nb", "payload/a\u007fb",
            "payload/a\u0085b", "payload/a:b", "payload/\uFFFD", "payload/\uD83D", "payload/\uDE00x"})
    void problem_refusesUnsafeNames(String name) {
        assertThat(EntryNames.problem(name)).isPresent();
    }

    @Test
    void utf8Order_sortsByBytesNotByUtf16Units() {
        // U+FF5E sorts before U+1F600 in UTF-8 bytes, but after its surrogates in UTF-16 units.
        List<String> names = new ArrayList<>(List.of("payload/\uD83D\uDE00", "payload/\uFF5E", "payload/b", "payload/a",
                "payload/a/b", "payload/a.b"));
        names.sort(EntryNames.UTF8_ORDER);
        assertThat(names).containsExactly("payload/a", "payload/a.b", "payload/a/b", "payload/b",
                "payload/\uFF5E", "payload/\uD83D\uDE00");
    }

    @Test
    void quoted_escapesControlCharactersToKeepMessagesOnOneLine() {
        assertThat(EntryNames.quoted("a\nb\u0000")).isEqualTo("'a\\u000Ab\\u0000'");
    }
}
