package org.suptools.fleetsim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TallyTest {

    @Test
    void await_isCompleteOnlyOnceEveryMessageIsReported() throws Exception {
        Tally tally = new Tally(2);
        tally.reported("m1", true, "", Duration.ofMillis(5));

        assertThat(tally.await(Duration.ZERO)).isFalse();

        tally.reported("m2", false, "download: HTTP 404", Duration.ofMillis(7));

        assertThat(tally.await(Duration.ZERO)).isTrue();
        assertThat(tally.succeeded()).isEqualTo(1);
        assertThat(tally.failed()).isEqualTo(1);
        assertThat(tally.problems()).containsExactly("download: HTTP 404");
    }

    @Test
    void reported_countsASecondAckOfTheSameMessageAsADuplicateNotACompletion() throws Exception {
        Tally tally = new Tally(2);
        tally.reported("m1", true, "", Duration.ofMillis(5));
        tally.reported("m1", true, "", Duration.ofMillis(5));

        assertThat(tally.await(Duration.ZERO)).isFalse();
        assertThat(tally.succeeded()).isEqualTo(1);
        assertThat(tally.duplicates()).isEqualTo(1);
    }

    @Test
    void percentileMillis_takesTheNearestRank() {
        Tally tally = new Tally(10);
        for (int i = 1; i <= 10; i++) {
            tally.reported("m" + i, true, "", Duration.ofMillis(i * 10L));
        }

        assertThat(tally.percentileMillis(50)).isEqualTo(50.0);
        assertThat(tally.percentileMillis(90)).isEqualTo(90.0);
        assertThat(tally.percentileMillis(91)).isEqualTo(100.0);
        assertThat(tally.percentileMillis(0)).isEqualTo(10.0);
        assertThat(tally.percentileMillis(100)).isEqualTo(100.0);
    }
}
