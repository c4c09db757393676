package org.suptools.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextAndThrottleTest {

    @Test
    void period_takesTheSeedsWordsTheShortUnitsAndPlainSeconds() {
        assertThat(DurationText.parse("30min")).isEqualTo(Duration.ofMinutes(30));
        assertThat(DurationText.parse("1hr")).isEqualTo(Duration.ofHours(1));
        assertThat(DurationText.parse("1day")).isEqualTo(Duration.ofDays(1));
        assertThat(DurationText.parse("2 days")).isEqualTo(Duration.ofDays(2));
        assertThat(DurationText.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(DurationText.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationText.parse("3600")).isEqualTo(Duration.ofHours(1));
        assertThat(DurationText.parse("0")).isZero();
        assertThatThrownBy(() -> DurationText.parse("-5s")).hasMessageStartingWith("'-5s' is not a duration");
        assertThatThrownBy(() -> DurationText.parse("1.5hr")).hasMessageStartingWith("'1.5hr' is not a duration");
        assertThatThrownBy(() -> DurationText.parse("1week")).hasMessageStartingWith("'1week' has an unknown unit");
        assertThat(DurationText.describe(Duration.ofMinutes(90))).isEqualTo("90min");
        assertThat(DurationText.describe(Duration.ofDays(1))).isEqualTo("1day");
    }

    @Test
    void throttle_isAPausePer4KiB_orARate() {
        assertThat(Throttle.parse("10ms")).isEqualTo(Throttle.pause(Duration.ofMillis(10)));
        assertThat(Throttle.parse("10")).as("the seed's plain milliseconds").isEqualTo(Throttle.pause(Duration.ofMillis(10)));
        assertThat(Throttle.parse("64KiB/s")).isEqualTo(Throttle.rate(65_536));
        assertThat(Throttle.parse("1MiB/s")).isEqualTo(Throttle.rate(1_048_576));
        assertThat(Throttle.parse("500KB/s")).isEqualTo(Throttle.rate(500_000));
        assertThat(Throttle.parse("8000B/s")).isEqualTo(Throttle.rate(8000));
        assertThat(Throttle.parse("0").none()).isTrue();
        assertThat(Throttle.parse("0KiB/s").none()).isTrue();
        assertThatThrownBy(() -> Throttle.parse("2min")).hasMessageContaining("at most 1min");
        assertThatThrownBy(() -> Throttle.parse("64 kbit/s")).hasMessageStartingWith("'64 kbit/s' is neither");
    }
}
