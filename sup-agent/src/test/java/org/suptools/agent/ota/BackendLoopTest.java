package org.suptools.agent.ota;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.agent.AgentLog;
import org.suptools.agent.config.HttpBackendConfig;

/**
 * The HTTP backend's run loop on a fake clock: the waiter moves the clock to the due time it is given,
 * as the real wait would take it there, and a cycle notes when it ran.
 */
class BackendLoopTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
    private static final Duration PERIOD = Duration.ofMinutes(5);
    private static final Duration JITTER = Duration.ofMinutes(2);
    private static final int AGENTS = 200;

    @TempDir
    Path temp;

    /** One gateway's loop: its clock, its state directory, the instants its cycles ran at. */
    private final class Gateway {

        final Path stateDir;
        final long seed;
        Instant now;
        final List<Instant> cycles = new ArrayList<>();

        Gateway(int i) {
            this.stateDir = temp.resolve("gw-" + i);
            this.seed = 1000 + i;
        }

        /** Runs the loop from {@code start} until it has run {@code count} cycles. */
        void run(Instant start, int count) throws Exception {
            now = start;
            int stopAt = cycles.size() + count;
            java.time.Clock clock = new java.time.Clock() {
                @Override
                public Instant instant() {
                    return now;
                }

                @Override
                public java.time.ZoneId getZone() {
                    return java.time.ZoneOffset.UTC;
                }

                @Override
                public java.time.Clock withZone(java.time.ZoneId zone) {
                    return this;
                }
            };
            new BackendLoop(stateDir, clock, new Random(seed + cycles.size()), AgentLog.NONE).run(() -> backend(),
                    () -> cycles.add(now), due -> {
                        if (cycles.size() >= stopAt) {
                            return false;
                        }
                        assertThat(due).as("never due before now").isAfterOrEqualTo(now);
                        now = due;
                        return true;
                    });
        }
    }

    @Test
    void firstChecksOf200GatewaysStartedTogether_spreadOverTheJitter() throws Exception {
        List<Duration> first = new ArrayList<>();
        for (int i = 0; i < AGENTS; i++) {
            Gateway gateway = new Gateway(i);
            gateway.run(T0, 1);
            first.add(Duration.between(T0, gateway.cycles.get(0)));
        }

        assertSpread(first, "first checks after a common start");
    }

    @Test
    void afterAPowerCutLongerThanThePeriod_theMissedChecksSpreadOverTheJitter_insteadOfAllAtOnce() throws Exception {
        List<Gateway> fleet = new ArrayList<>();
        for (int i = 0; i < AGENTS; i++) {
            Gateway gateway = new Gateway(i);
            gateway.run(T0, 2);
            fleet.add(gateway);
        }
        Instant back = T0.plus(Duration.ofHours(3));

        List<Duration> afterCut = new ArrayList<>();
        for (Gateway gateway : fleet) {
            gateway.run(back, 1);
            afterCut.add(Duration.between(back, gateway.cycles.get(2)));
        }

        assertSpread(afterCut, "first checks after the power comes back");
    }

    @Test
    void eachLaterCheck_isAPeriodAfterTheLastPlusAtMostTheJitter_andARestartKeepsADueTimeStillAhead() throws Exception {
        Gateway gateway = new Gateway(0);
        gateway.run(T0, 4);

        for (int i = 1; i < 4; i++) {
            assertThat(Duration.between(gateway.cycles.get(i - 1), gateway.cycles.get(i)))
                    .isBetween(PERIOD, PERIOD.plus(JITTER));
        }
        gateway.run(gateway.cycles.get(3).plusSeconds(10), 1);
        assertThat(Duration.between(gateway.cycles.get(3), gateway.cycles.get(4)))
                .as("a restart before the due time keeps it (a new draw would come within the jitter of the restart)")
                .isBetween(PERIOD, PERIOD.plus(JITTER));
    }

    private static void assertSpread(List<Duration> at, String what) {
        assertThat(at).as(what).hasSize(AGENTS).allSatisfy(d -> assertThat(d).isBetween(Duration.ZERO, JITTER));
        int buckets = 10;
        int[] histogram = new int[buckets];
        for (Duration d : at) {
            histogram[(int) Math.min(buckets - 1, d.toMillis() * buckets / (JITTER.toMillis() + 1))]++;
        }
        double mean = (double) AGENTS / buckets;
        assertThat(java.util.Arrays.stream(histogram).boxed().toList()).as(
                "%s: no tenth of the jitter empty or above twice its share (%s)", what,
                java.util.Arrays.toString(histogram)).allSatisfy(count -> assertThat(count).isPositive()
                        .isLessThanOrEqualTo((int) (2 * mean)));
        assertThat(at.stream().distinct().count()).as("%s: not all at the same instant", what).isGreaterThan(AGENTS / 2);
    }

    private static HttpBackendConfig backend() {
        return new HttpBackendConfig(URI.create("http://backend/version"), "http://backend/pkg/@", Optional.empty(),
                "gw", Optional.empty(), Optional.empty(), Optional.empty(), PERIOD, Optional.of(JITTER));
    }
}
