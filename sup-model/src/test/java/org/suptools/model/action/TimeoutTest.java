package org.suptools.model.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.suptools.model.InvalidPackageException;
import org.suptools.model.json.SupJson;
import org.suptools.model.manifest.ManifestCodec;

/** Timeouts are bounded by {@link Timeout#MAX}, and no text or number makes their arithmetic overflow. */
class TimeoutTest {

    private static final String MANIFEST = """
            {"formatVersion": 1, "name": "p", "version": "1.0.0", "created": "1980-01-01T00:00:00Z",
             "actions": [{"id": "stop", "type": "runtime.stop", "timeout": %s}]}
            """;

    @ParameterizedTest
    @ValueSource(strings = {"24h", "1440m", "86400s", "86400000ms", "86400", " 24h "})
    void parse_acceptsTheMaximumInEveryUnit(String text) {
        assertThat(Timeout.parse(text).duration()).isEqualTo(Duration.ofHours(24));
    }

    @ParameterizedTest
    @ValueSource(strings = {"25h", "1441m", "86401s", "86400001ms", "86401", "2562048h", "999999999h", "999999999m",
        "999999999"})
    void parse_refusesAnythingLongerThanTheMaximum_namingIt(String text) {
        assertThatThrownBy(() -> Timeout.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("must be at most 24h (1440m, 86400s), the longest timeout; was " + text);
    }

    @Test
    void ofSeconds_refusesLargeNumbers_evenBeyondALong() {
        assertThat(Timeout.ofSeconds(86_400).toString()).isEqualTo("24h");
        assertThatThrownBy(() -> Timeout.ofSeconds(9_300_000_000L)).hasMessageContaining("must be at most 24h");
        assertThatThrownBy(() -> Timeout.ofSeconds(Long.MAX_VALUE)).hasMessageContaining("must be at most 24h");
        assertThatThrownBy(() -> Timeout.ofSeconds(new java.math.BigInteger("1" + "0".repeat(40))))
                .hasMessageContaining("must be at most 24h");
        assertThatThrownBy(() -> Timeout.ofSeconds(0)).hasMessageContaining("must be more than zero");
        assertThatThrownBy(() -> Timeout.ofSeconds(Long.MIN_VALUE)).hasMessageContaining("must be more than zero");
    }

    @ParameterizedTest
    @ValueSource(strings = {"9300000000", "\"2562048h\"", "\"999999999h\"", "100000000000000000000000000000", "90000"})
    void manifest_withATimeoutAboveTheMaximum_isInvalid_namingTheField(String json) {
        byte[] manifest = MANIFEST.formatted(json).getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ManifestCodec.parse(manifest, "p.sup"))
                .isInstanceOfSatisfying(InvalidPackageException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidPackageException.Reason.INVALID_MANIFEST))
                .hasMessageStartingWith("p.sup: manifest.json actions[0].timeout: must be at most 24h (1440m, 86400s)")
                .hasMessageNotContaining("overflow");
    }

    @Test
    void manifest_withTheMaximum_readsIt() throws Exception {
        byte[] manifest = MANIFEST.formatted("86400").getBytes(StandardCharsets.UTF_8);

        assertThat(ManifestCodec.parse(manifest, "p.sup").actions().get(0).header().timeout())
                .hasValue(new Timeout(Timeout.MAX));
    }

    @Test
    void json_negativeOrHugeNegative_isNotPositive() {
        assertThatThrownBy(() -> SupJson.json().readValue("-100000000000000000000000", Timeout.class))
                .isInstanceOf(JsonMappingException.class).hasMessageContaining("must be more than zero");
    }

    @Test
    void describe_writesAnyDurationWithoutFailing() {
        assertThat(Timeout.describe(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Timeout.describe(Duration.ofDays(400))).isEqualTo("9600h");
    }
}
