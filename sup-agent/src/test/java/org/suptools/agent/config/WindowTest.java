package org.suptools.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WindowTest {

    private static final ZoneOffset UTC = ZoneOffset.UTC;
    /** A Thursday. */
    private static final Instant THU_0759 = Instant.parse("2026-12-03T07:59:59Z");

    @Test
    void dayWindow_opensAndClosesToTheSecond() {
        Window day = Window.parse("* 8-17 * * 1-5");

        assertThat(day.contains(THU_0759, UTC)).isFalse();
        assertThat(day.contains(THU_0759.plusSeconds(1), UTC)).isTrue();
        assertThat(day.nextOpening(THU_0759, UTC)).contains(Instant.parse("2026-12-03T08:00:00Z"));
        assertThat(day.closingAfter(Instant.parse("2026-12-03T12:00:00Z"), UTC))
                .contains(Instant.parse("2026-12-03T18:00:00Z"));
        assertThat(day.contains(Instant.parse("2026-12-03T17:59:59Z"), UTC)).isTrue();
        assertThat(day.contains(Instant.parse("2026-12-03T18:00:00Z"), UTC)).isFalse();
    }

    @Test
    void weekdayWindow_skipsTheWeekend() {
        Window day = Window.parse("* 8-17 * * mon-fri");

        assertThat(day.nextOpening(Instant.parse("2026-12-04T18:00:00Z"), UTC))
                .as("Friday evening: next Monday").contains(Instant.parse("2026-12-07T08:00:00Z"));
    }

    @Test
    void nightWindow_acrossMidnight_closesInTheMorning() {
        Window night = Window.parse("* 22-23,0-5 * * *");

        assertThat(night.nextOpening(Instant.parse("2026-12-03T12:00:00Z"), UTC))
                .contains(Instant.parse("2026-12-03T22:00:00Z"));
        assertThat(night.closingAfter(Instant.parse("2026-12-03T22:30:00Z"), UTC))
                .as("one stretch over midnight").contains(Instant.parse("2026-12-04T06:00:00Z"));
    }

    @Test
    void stepsListsAndNames_areRead() {
        Window w = Window.parse("0-59/15 */6 1,15 jan-mar,dec *");

        assertThat(w.contains(Instant.parse("2026-12-15T06:30:00Z"), UTC)).isTrue();
        assertThat(w.contains(Instant.parse("2026-12-15T06:31:00Z"), UTC)).isFalse();
        assertThat(w.contains(Instant.parse("2026-12-16T06:30:00Z"), UTC)).isFalse();
        assertThat(w.contains(Instant.parse("2026-11-15T06:30:00Z"), UTC)).isFalse();
    }

    @Test
    void bothDayFieldsRestricted_matchEitherAsCronDoes() {
        Window w = Window.parse("* * 1 * 0");

        assertThat(w.contains(Instant.parse("2026-12-01T10:00:00Z"), UTC)).as("the 1st, a Tuesday").isTrue();
        assertThat(w.contains(Instant.parse("2026-12-06T10:00:00Z"), UTC)).as("a Sunday").isTrue();
        assertThat(w.contains(Instant.parse("2026-12-02T10:00:00Z"), UTC)).isFalse();
        assertThat(Window.parse("* * * * 7").contains(Instant.parse("2026-12-06T10:00:00Z"), UTC))
                .as("7 is Sunday too").isTrue();
    }

    @Test
    void always_neverCloses_andReadsInTheGatewaysZone() {
        assertThat(Window.ALWAYS.closingAfter(THU_0759, UTC)).isEmpty();
        Window nine = Window.parse("* 9 * * *");
        assertThat(nine.contains(Instant.parse("2026-12-03T08:30:00Z"), ZoneId.of("Europe/Berlin"))).isTrue();
        assertThat(nine.contains(Instant.parse("2026-12-03T09:30:00Z"), ZoneId.of("Europe/Berlin"))).isFalse();
    }

    @Test
    void parse_refusesWhatIsNotAWindow() {
        assertThatThrownBy(() -> Window.parse("* * * *")).hasMessageContaining("must have 5 fields");
        assertThatThrownBy(() -> Window.parse("60 * * * *")).hasMessageStartingWith("minute '60' must be");
        assertThatThrownBy(() -> Window.parse("* 5-2 * * *")).hasMessage("hour '5-2': the range 5-2 ends before it starts");
        assertThatThrownBy(() -> Window.parse("* * 31 feb *")).hasMessage("'* * 31 feb *' never opens (no such day)");
        assertThatThrownBy(() -> Window.parse("* * * * fun")).hasMessageStartingWith("day-of-week 'fun' must be");
        assertThatThrownBy(() -> Window.parse("*/0 * * * *")).hasMessageStartingWith("minute '*/0' must be");
        assertThat(Window.parse("* * 29 feb *").nextOpening(Instant.parse("2026-03-01T00:00:00Z"), UTC))
                .as("a leap day is years away, and found").contains(Instant.parse("2028-02-29T00:00:00Z"));
    }
}
