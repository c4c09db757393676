package org.suptools.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.suptools.agent.update.Cycle;

class CyclePaceTest {

    private static final Duration PERIOD = Duration.ofMinutes(1);
    private static final Cycle SETTLED = new Cycle(1, 1, 1, true, 0);
    private static final Cycle WORK_LEFT = new Cycle(0, 0, 0, true, 1);
    private static final Cycle PORTAL_AWAY = new Cycle(0, 0, 0, false, 0);

    private final CyclePace pace = new CyclePace(PERIOD);

    @Test
    void aCycleThatLeftNothing_waitsTheCheckPeriod() {
        assertThat(pace.after(SETTLED)).isEqualTo(PERIOD);
    }

    @Test
    void workLeftOver_isRetriedSoon_thenLessOften_upToTheCheckPeriod() {
        assertThat(pace.after(WORK_LEFT)).hasSeconds(5);
        assertThat(pace.after(PORTAL_AWAY)).hasSeconds(10);
        assertThat(pace.afterFailure()).hasSeconds(20);
        assertThat(pace.after(WORK_LEFT)).hasSeconds(40);
        assertThat(pace.after(WORK_LEFT)).isEqualTo(PERIOD);
        assertThat(pace.after(WORK_LEFT)).isEqualTo(PERIOD);
    }

    @Test
    void aSettledCycle_startsTheRetriesAfresh() {
        pace.after(WORK_LEFT);
        pace.after(WORK_LEFT);

        assertThat(pace.after(SETTLED)).isEqualTo(PERIOD);
        assertThat(pace.after(WORK_LEFT)).hasSeconds(5);
    }

    @Test
    void aCheckPeriodShorterThanTheFirstRetry_isNeverExceeded() {
        CyclePace quick = new CyclePace(Duration.ofSeconds(2));

        assertThat(quick.after(WORK_LEFT)).hasSeconds(2);
        assertThat(quick.after(WORK_LEFT)).hasSeconds(2);
    }
}
