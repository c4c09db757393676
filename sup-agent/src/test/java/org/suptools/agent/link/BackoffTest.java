package org.suptools.agent.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void next_doublesUpToTheMaximumWithEqualJitter() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), new Random(1));
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            waits.add(backoff.next());
        }

        long[] ceilings = {1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000, 30000};
        for (int i = 0; i < ceilings.length; i++) {
            assertThat(waits.get(i).toMillis()).as("wait %d", i).isBetween(ceilings[i] / 2, ceilings[i]);
        }
    }

    @Test
    void next_spreadsAFleetThatLostItsBrokerTogether() {
        List<Long> firstWaitsAtTheCap = new ArrayList<>();
        for (int gateway = 0; gateway < 50; gateway++) {
            Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), new Random(gateway));
            for (int i = 0; i < 6; i++) {
                backoff.next();
            }
            firstWaitsAtTheCap.add(backoff.next().toMillis());
        }

        assertThat(firstWaitsAtTheCap.stream().distinct().count()).isGreaterThan(40);
    }

    @Test
    void reset_makesTheNextWaitShortAgain() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(2), new Random(3));
        for (int i = 0; i < 20; i++) {
            backoff.next();
        }

        backoff.reset();

        assertThat(backoff.next()).isLessThanOrEqualTo(Duration.ofSeconds(1));
    }
}
