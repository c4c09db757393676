package org.suptools.installer.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The properties editor keeps every line it does not edit, and reads what java.util.Properties reads. */
class PropertiesFileTest {

    static PropertiesFile parse(String text) {
        return PropertiesFile.parse(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    static String text(PropertiesFile file) {
        return new String(file.toBytes(), StandardCharsets.ISO_8859_1);
    }

    static Properties load(String text) throws IOException {
        Properties properties = new Properties();
        properties.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));
        return properties;
    }

    static final String SAMPLE = """
            # Gateway settings
            ! old-style comment
            dw.http.port = 8080
            dw.name:gateway one
            dw.path   /opt/dw
            dw.list = a, \\
                      b, \\
                      c
            dw.escaped\\ key = tab\\there
            dw.unicode = caf\\u00e9

            dw.empty
            """;

    @Test
    void parseThenWrite_withoutEdits_givesTheSameBytes() {
        assertThat(text(parse(SAMPLE))).isEqualTo(SAMPLE);
        String crlf = SAMPLE.replace("\n", "\r\n");
        assertThat(text(parse(crlf))).isEqualTo(crlf);
        assertThat(text(parse("a=1\nno-newline-at-end=2"))).isEqualTo("a=1\nno-newline-at-end=2");
    }

    @Test
    void get_readsEveryFormAsPropertiesDoes() throws IOException {
        PropertiesFile file = parse(SAMPLE);
        Properties expected = load(SAMPLE);
        for (String key : expected.stringPropertyNames()) {
            assertThat(file.get(key)).as(key).contains(expected.getProperty(key));
        }
        assertThat(file.get("dw.list")).contains("a, b, c");
        assertThat(file.get("dw.escaped key")).contains("tab\there");
        assertThat(file.get("dw.unicode")).contains("café");
    }

    @Test
    void set_replacesValuesInPlaceKeepingTheSeparatorAndAppendsNewKeys() throws IOException {
        PropertiesFile file = parse(SAMPLE);
        file.set("dw.http.port", "9090");
        file.set("dw.name", "gateway two");
        file.set("dw.path", "/srv/dw");
        file.set("dw.list", "x");
        file.set("dw.empty", "now set");
        file.set("dw.new", " leading space, a # and ünïcode");

        String written = text(file);

        assertThat(written).isEqualTo("""
                # Gateway settings
                ! old-style comment
                dw.http.port = 9090
                dw.name:gateway two
                dw.path   /srv/dw
                dw.list = x
                dw.escaped\\ key = tab\\there
                dw.unicode = caf\\u00e9

                dw.empty=now set
                dw.new=\\ leading space, a # and \\u00FCn\\u00EFcode
                """);
        Properties reread = load(written);
        assertThat(reread.getProperty("dw.new")).isEqualTo(" leading space, a # and ünïcode");
        assertThat(reread.getProperty("dw.list")).isEqualTo("x");
        assertThat(reread.getProperty("dw.empty")).isEqualTo("now set");
    }

    @Test
    void remove_dropsEveryLineOfTheKeyIncludingContinuations() throws IOException {
        PropertiesFile file = parse(SAMPLE + "dw.http.port=1\n");

        assertThat(file.remove("dw.list")).isTrue();
        assertThat(file.remove("dw.http.port")).isTrue();
        assertThat(file.remove("absent")).isFalse();

        String written = text(file);
        assertThat(written).doesNotContain("dw.list", "b, \\", "dw.http.port");
        assertThat(load(written).stringPropertyNames())
                .containsExactlyInAnyOrder("dw.name", "dw.path", "dw.escaped key", "dw.unicode", "dw.empty");
    }

    @Test
    void keysNeedingEscapes_areWrittenSoThatPropertiesReadsThemBack() throws IOException {
        PropertiesFile file = PropertiesFile.empty();
        file.set("a key=with:odd#chars", "v");
        file.set("multi", "line\nbreak");

        Properties reread = load(text(file));

        assertThat(reread.getProperty("a key=with:odd#chars")).isEqualTo("v");
        assertThat(reread.getProperty("multi")).isEqualTo("line\nbreak");
    }

    @Test
    void appendingToAFileWithoutFinalNewline_startsANewLine() {
        PropertiesFile file = parse("a=1");
        file.set("b", "2");
        assertThat(text(file)).isEqualTo("a=1\nb=2\n");
    }
}
