package org.suptools.agent;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.suptools.agent.update.Cycle;

class CyclePaceTest {

    private static final Duration PERIOD = Duration.ofMinutes(1);
    private static final Cycle SETTLED = new Cycle(1, 1, 1, true, 0);
    private static final Cycle WORK_LEFT = new Cycle(0, 0, 0, true, 1);
    private static final Cycle PORTAL_AWAY = new Cycle(0, 0, 0, false, 0);

    private final CyclePace pace = new CyclePace(PERIOD, Duration.ZERO, new Random(1));

    @Test
    void anApprovedWindowThatOpensBeforeTheNextCheck_wakesTheDaemonWhenItOpens_neverBefore() {
        java.time.Instant now = java.time.Instant.parse("2026-12-01T10:00:00Z");
        Cycle scheduled = new Cycle(0, 0, 0, true, 0, java.util.Optional.of(now.plusSeconds(12).plusNanos(1)));
        Cycle later = new Cycle(0, 0, 0, true, 0, java.util.Optional.of(now.plus(Duration.ofHours(3))));
        Cycle past = new Cycle(0, 0, 0, true, 0, java.util.Optional.of(now.minusSeconds(1)));

        assertThat(pace.after(scheduled, now)).as("rounded up to the millisecond").isEqualTo(Duration.ofMillis(12_001));
        assertThat(pace.after(later, now)).isEqualTo(PERIOD);
        assertThat(pace.after(past, now)).isEqualTo(Duration.ZERO);
        assertThat(pace.after(SETTLED, now)).isEqualTo(PERIOD);
    }

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
        CyclePace quick = new CyclePace(Duration.ofSeconds(2), Duration.ZERO, new Random(1));

        assertThat(quick.after(WORK_LEFT)).hasSeconds(2);
        assertThat(quick.after(WORK_LEFT)).hasSeconds(2);
    }

    @Test
    void settledWaits_areSpreadAroundThePeriodByANewDrawEachTime() {
        Scripted random = new Scripted(-6_000, 0, 6_000, 1_234);
        CyclePace spread = new CyclePace(PERIOD, Duration.ofSeconds(6), random);

        assertThat(spread.first()).isEqualTo(PERIOD.minusSeconds(6));
        assertThat(spread.after(SETTLED)).isEqualTo(PERIOD);
        assertThat(spread.after(SETTLED)).isEqualTo(PERIOD.plusSeconds(6));
        assertThat(spread.after(SETTLED)).isEqualTo(PERIOD.plusMillis(1_234));
        assertThat(random.bounds).containsOnly(List.of(-6_000L, 6_001L));
    }

    @Test
    void retries_keepTheirPaceAndAreNotSpread() {
        Scripted random = new Scripted(3_000);
        CyclePace spread = new CyclePace(PERIOD, Duration.ofSeconds(6), random);

        assertThat(spread.after(WORK_LEFT)).hasSeconds(5);
        assertThat(spread.after(PORTAL_AWAY)).hasSeconds(10);
        assertThat(random.bounds).isEmpty();
        assertThat(spread.after(SETTLED)).isEqualTo(PERIOD.plusSeconds(3));
        assertThat(spread.after(WORK_LEFT)).hasSeconds(5);
    }

    @Test
    void aFleetStartedTogether_drawsApartOverAFewPeriods() {
        // Ten gateways started in the same millisecond, each with its own random source.
        long[] due = new long[10];
        for (int gateway = 0; gateway < due.length; gateway++) {
            CyclePace own = new CyclePace(PERIOD, PERIOD.dividedBy(10), new Random(gateway));
            due[gateway] = own.first().toMillis();
            for (int period = 0; period < 5; period++) {
                due[gateway] += own.after(SETTLED).toMillis();
            }
        }

        assertThat(java.util.Arrays.stream(due).distinct().count()).isEqualTo(due.length);
        assertThat(java.util.Arrays.stream(due).max().getAsLong() - java.util.Arrays.stream(due).min().getAsLong())
                .as("the spread after six checks, in ms").isGreaterThan(5_000);
    }

    @Test
    void aJitterOfAWholePeriod_isRefused() {
        assertThatThrownBy(() -> new CyclePace(PERIOD, PERIOD, new Random(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jitter");
    }

    /** Hands out the given draws in order, and keeps the bounds it was asked for. */
    private static final class Scripted implements RandomGenerator {
        final Deque<Long> draws = new ArrayDeque<>();
        final List<List<Long>> bounds = new java.util.ArrayList<>();

        Scripted(long... draws) {
            for (long draw : draws) {
                this.draws.add(draw);
            }
        }

        @Override
        public long nextLong(long origin, long bound) {
            bounds.add(List.of(origin, bound));
            return draws.remove();
        }

        @Override
        public long nextLong() {
            throw new AssertionError("only bounded draws are expected");
        }
    }
}
