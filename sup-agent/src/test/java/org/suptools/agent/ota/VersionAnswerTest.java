package org.suptools.agent.ota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The version URL's answer read strictly where the agent relies on it, leniently elsewhere, every refusal named. */
class VersionAnswerTest {

    private static VersionAnswer parse(String json) throws VersionAnswer.BadAnswer {
        return VersionAnswer.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parse_readsTheSeedsAnswerAndThePortalsExtras() throws Exception {
        VersionAnswer answer = parse("{\"upgrade\": 1, \"settings\": [{\"key\": \"keepAlive\", \"val\": \"60\"}],"
                + " \"version\": \"1.5.0\", \"size\": 2760, \"sha256\": \"" + "AB".repeat(32) + "\", \"other\": true}");

        assertThat(answer.upgrade()).isTrue();
        assertThat(answer.settings()).containsExactly(new VersionAnswer.Setting("keepAlive", "60"));
        assertThat(answer.malformed()).isEmpty();
        assertThat(answer.version()).contains("1.5.0");
        assertThat(answer.size()).hasValue(2760);
        assertThat(answer.sha256()).contains("ab".repeat(32));
    }

    @Test
    void parse_withoutSettingsOrExtras_isTheSeedsMinimalAnswer() throws Exception {
        VersionAnswer answer = parse("{\"upgrade\": 0}");

        assertThat(answer.upgrade()).isFalse();
        assertThat(answer.settings()).isEmpty();
        assertThat(answer.version()).isEmpty();
        assertThat(answer.sha256()).isEmpty();
    }

    @Test
    void parse_refusesAnAnswerItCannotAct_on_namingTheField() {
        assertThatThrownBy(() -> parse("not json")).hasMessageStartingWith("the answer is not JSON");
        assertThatThrownBy(() -> parse("[1]")).hasMessage("the answer must be a JSON object such as {\"upgrade\": 0}");
        assertThatThrownBy(() -> parse("{}")).hasMessage("upgrade: is missing");
        assertThatThrownBy(() -> parse("{\"upgrade\": \"1\"}")).hasMessage("upgrade: must be the number 0 or 1, was \"1\"");
        assertThatThrownBy(() -> parse("{\"upgrade\": 2}")).hasMessage("upgrade: must be the number 0 or 1, was 2");
        assertThatThrownBy(() -> parse("{\"upgrade\": 1, \"sha256\": \"abc\"}"))
                .hasMessage("sha256: must be 64 hexadecimal digits, was \"abc\"");
        assertThatThrownBy(() -> parse("{\"upgrade\": 1, \"size\": -1}"))
                .hasMessage("size: must be a whole number of bytes, was -1");
        assertThatThrownBy(() -> parse("{\"upgrade\": 1, \"version\": \"one\"}"))
                .hasMessage("version: must be a SemVer version, was \"one\"");
        assertThatThrownBy(() -> VersionAnswer.parse(new byte[VersionAnswer.MAX_BYTES + 1]))
                .hasMessage("the answer is larger than 65536 bytes");
    }

    @Test
    void parse_keepsEachMalformedSettingToReport_andTheWellFormedOnes() throws Exception {
        VersionAnswer answer = parse("{\"upgrade\": 0, \"settings\": [{\"key\": \"checkPeriod\", \"val\": 60},"
                + " \"x\", {\"key\": \"checkPeriod\", \"val\": \"1h\"}, {\"val\": \"1\"}]}");

        assertThat(answer.settings()).containsExactly(new VersionAnswer.Setting("checkPeriod", "1h"));
        assertThat(answer.malformed()).containsExactly(
                "settings[0]: must be {\"key\": string, \"val\": string}, was {\"key\":\"checkPeriod\",\"val\":60}",
                "settings[1]: must be {\"key\": string, \"val\": string}, was \"x\"",
                "settings[3]: must be {\"key\": string, \"val\": string}, was {\"val\":\"1\"}");
        assertThat(parse("{\"upgrade\": 0, \"settings\": {}}").malformed())
                .containsExactly("settings: must be a list of {\"key\", \"val\"}, was {}");
    }
}
