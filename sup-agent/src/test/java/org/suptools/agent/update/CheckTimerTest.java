package org.suptools.agent.update;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.agent.config.CheckPolicy;
import org.suptools.agent.config.Throttle;
import org.suptools.agent.config.Window;

class CheckTimerTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
    private static final Duration JITTER = Duration.ofMinutes(10);
    private static final CheckPolicy ALWAYS = new CheckPolicy(true, Optional.empty(), Optional.empty(), Throttle.NONE,
            ZoneOffset.UTC);

    @TempDir
    Path temp;

    /**
     * 200 agents started at the same instant (a fleet after a power cut), each with its own random
     * source, run on a fake clock in 1 s steps: the first check of each is when its timer says it
     * is due. They spread over the jitter window: none before the start or after the window, and
     * no tenth of the window holds more than twice its share.
     */
    @Test
    void jitter_spreads200AgentsFirstChecksOverTheWindow() throws Exception {
        int agents = 200;
        List<CheckTimer> timers = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            timers.add(new CheckTimer(temp.resolve("gw-" + i + "/timer.json"), ALWAYS, Duration.ofDays(1), JITTER,
                    new Random(1000 + i)));
        }
        List<Duration> firstChecks = new ArrayList<>();
        boolean[] checked = new boolean[agents];
        for (Instant now = T0; !now.isAfter(T0.plus(JITTER).plusSeconds(5)); now = now.plusSeconds(1)) {
            for (int i = 0; i < agents; i++) {
                if (!checked[i] && timers.get(i).due(now)) {
                    checked[i] = true;
                    firstChecks.add(Duration.between(T0, now));
                    timers.get(i).checked(now);
                }
            }
        }

        int buckets = 10;
        int[] histogram = new int[buckets];
        long window = JITTER.toSeconds();
        for (Duration at : firstChecks) {
            histogram[(int) Math.min(buckets - 1, at.toSeconds() * buckets / (window + 1))]++;
        }
        double mean = (double) agents / buckets;
        StringBuilder printed = new StringBuilder("first checks of " + agents + " agents over a jitter of "
                + JITTER.toMinutes() + " min (each bucket " + window / buckets + " s):\n");
        for (int b = 0; b < buckets; b++) {
            printed.append(String.format("  %4d-%4d s %3d %s%n", b * window / buckets, (b + 1) * window / buckets,
                    histogram[b], "#".repeat(histogram[b])));
        }
        System.out.print(printed);

        assertThat(firstChecks).as("every agent checked").hasSize(agents);
        assertThat(firstChecks).allSatisfy(at -> assertThat(at).isBetween(Duration.ZERO, JITTER));
        List<Integer> counts = java.util.Arrays.stream(histogram).boxed().toList();
        assertThat(counts).as("no bucket above twice the mean (%.0f)", mean)
                .allSatisfy(count -> assertThat(count).isLessThanOrEqualTo((int) (2 * mean)));
        assertThat(counts).as("no bucket empty").allSatisfy(count -> assertThat(count).isPositive());
    }

    @Test
    void aRestartedAgent_keepsItsDueTime_insteadOfDrawingAgain() throws Exception {
        Path file = temp.resolve("timer.json");
        Instant due = new CheckTimer(file, ALWAYS, Duration.ofDays(1), JITTER, new Random(1)).dueAt(T0);

        Instant again = new CheckTimer(file, ALWAYS, Duration.ofDays(1), JITTER, new Random(2)).dueAt(T0.plusSeconds(30));

        assertThat(again).isEqualTo(due);
        assertThat(due).isBetween(T0, T0.plus(JITTER));
    }

    @Test
    void zeroJitter_checksAtOnce_thenEveryPeriod() throws Exception {
        CheckTimer timer = new CheckTimer(temp.resolve("timer.json"), ALWAYS, Duration.ofMinutes(30), Duration.ZERO,
                new Random(1));

        assertThat(timer.due(T0)).isTrue();
        assertThat(timer.checked(T0)).isEqualTo(T0.plus(Duration.ofMinutes(30)));
        assertThat(timer.due(T0.plus(Duration.ofMinutes(30)).minusMillis(1))).isFalse();
        assertThat(timer.due(T0.plus(Duration.ofMinutes(30)))).isTrue();
        assertThat(timer.lastCheck()).contains(T0);
    }

    @Test
    void aDueTimeOutsideTheSchedule_movesIntoItsNextOpening_jitteredInside() throws Exception {
        CheckPolicy day = new CheckPolicy(true, Optional.of(Window.parse("* 8-17 * * *")), Optional.empty(),
                Throttle.NONE, ZoneOffset.UTC);
        CheckTimer timer = new CheckTimer(temp.resolve("timer.json"), day, Duration.ofHours(12), JITTER, new Random(7));

        Instant next = timer.checked(Instant.parse("2026-12-03T17:00:00Z"));

        assertThat(next).as("05:00 is outside: the next opening at 08:00, plus up to the jitter")
                .isBetween(Instant.parse("2026-12-04T08:00:00Z"), Instant.parse("2026-12-04T08:10:00Z"));
        assertThat(timer.due(Instant.parse("2026-12-04T05:00:00Z"))).isFalse();
        assertThat(timer.due(next)).isTrue();
    }
}
