package org.suptools.model.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArchiveOptionsTest {

    @Test
    void fromEnvironment_withoutSourceDateEpoch_usesThe1980Constant() {
        assertThat(ArchiveOptions.fromEnvironment(Map.of()).timestamp()).isEqualTo(Instant.parse("1980-01-01T00:00:00Z"));
        assertThat(ArchiveOptions.fromEnvironment(Map.of("SOURCE_DATE_EPOCH", " ")))
                .isEqualTo(ArchiveOptions.defaults());
    }

    @Test
    void fromEnvironment_usesSourceDateEpochSeconds() {
        assertThat(ArchiveOptions.fromEnvironment(Map.of("SOURCE_DATE_EPOCH", "1700000000")).timestamp())
                .isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
    }

    @Test
    void fromEnvironment_raisesTimesBefore1980To1980() {
        assertThat(ArchiveOptions.fromEnvironment(Map.of("SOURCE_DATE_EPOCH", "0"))).isEqualTo(ArchiveOptions.defaults());
    }

    @Test
    void fromEnvironment_refusesValuesThatAreNotSeconds() {
        assertThatThrownBy(() -> ArchiveOptions.fromEnvironment(Map.of("SOURCE_DATE_EPOCH", "2024-01-01")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("SOURCE_DATE_EPOCH: '2024-01-01'");
    }

    @Test
    void fromEnvironment_refusesTimesZipCannotHold() {
        assertThatThrownBy(() -> ArchiveOptions.fromEnvironment(Map.of("SOURCE_DATE_EPOCH", "9999999999")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SOURCE_DATE_EPOCH");
    }
}
