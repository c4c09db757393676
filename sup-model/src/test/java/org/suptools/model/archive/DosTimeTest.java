package org.suptools.model.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DosTimeTest {

    @Test
    void of_theEarliestTimestamp_isTheFirstDosDay() {
        assertThat(DosTime.of(ArchiveOptions.DEFAULT_TIMESTAMP)).isEqualTo(new DosTime(0, 1 << 5 | 1));
    }

    @Test
    void of_anOddSecond_roundsDownToTheUtcDateAndTime() {
        DosTime time = DosTime.of(Instant.parse("2023-11-14T22:13:21Z"));

        assertThat(time.time()).isEqualTo(22 << 11 | 13 << 5 | 10);
        assertThat(time.date()).isEqualTo(43 << 9 | 11 << 5 | 14);
    }

    @Test
    void of_theLatestTimestamp_fitsTheFields() {
        DosTime time = DosTime.of(ArchiveOptions.LATEST_TIMESTAMP);

        assertThat(time.date() >>> 9).isEqualTo(2097 - 1980);
        assertThat(time.time()).isEqualTo(23 << 11 | 59 << 5 | 29);
    }

    @Test
    void of_beforeTheDosEpoch_isRefused() {
        assertThatThrownBy(() -> DosTime.of(Instant.parse("1979-12-31T23:59:59Z")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
