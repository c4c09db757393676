package org.suptools.model.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionJsonTest {

    record Target(String product, VersionRange runtimeVersion) {
    }

    record Release(SemVer version, List<SemVer> replaces) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final YAMLMapper yaml = new YAMLMapper();

    @Test
    void semVer_isWrittenAsItsStringAndReadBack() throws JsonProcessingException {
        Release release = new Release(SemVer.parse("1.0.0-rc.1+build.5"), List.of(SemVer.parse("0.9.0")));

        String written = json.writeValueAsString(release);

        assertThat(written).isEqualTo("{\"version\":\"1.0.0-rc.1+build.5\",\"replaces\":[\"0.9.0\"]}");
        assertThat(json.readValue(written, Release.class)).isEqualTo(release);
    }

    @Test
    void versionRange_isWrittenAsItsNormalizedTextAndReadBack() throws JsonProcessingException {
        Target target = json.readValue("{\"product\":\"gw\",\"runtimeVersion\":\">= 1.0.0  <2.0.0\"}", Target.class);

        assertThat(target.runtimeVersion().contains(SemVer.parse("1.5.0"))).isTrue();
        assertThat(json.writeValueAsString(target))
                .isEqualTo("{\"product\":\"gw\",\"runtimeVersion\":\">=1.0.0 <2.0.0\"}");
    }

    @Test
    void yamlSpec_readsQuotedAndUnquotedRanges() throws JsonProcessingException {
        Target quoted = yaml.readValue("product: gw\nruntimeVersion: \">=1.0.0\"\n", Target.class);
        Target caret = yaml.readValue("product: gw\nruntimeVersion: ^1.2.0\n", Target.class);

        assertThat(quoted.runtimeVersion()).isEqualTo(VersionRange.parse(">=1.0.0"));
        assertThat(caret.runtimeVersion().contains(SemVer.parse("1.9.0"))).isTrue();
    }

    @Test
    void invalidVersion_failsWithTheParseMessage() {
        assertThatThrownBy(() -> json.readValue("{\"version\":\"1.02.3\",\"replaces\":[]}", Release.class))
                .isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("'1.02.3' is not a SemVer 2.0 version: numeric identifier '02' has a leading zero");
    }

    @Test
    void invalidRange_failsWithTheParseMessage() {
        assertThatThrownBy(() -> json.readValue("{\"product\":\"gw\",\"runtimeVersion\":\"=>1.0.0\"}", Target.class))
                .isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("'=>1.0.0' is not a valid version range");
    }
}
