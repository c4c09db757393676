package org.suptools.agent.link;

import java.time.Duration;
import java.util.Random;

/**
 * How long to wait before the next reconnection: doubling from {@code first} to at most
 * {@code max}, then a random part of it taken off ("equal jitter": between half and all of it),
 * so that a fleet that lost its broker together does not come back together.
 */
public final class Backoff {

    private final Duration first;
    private final Duration max;
    private final Random random;
    private int failures;

    public Backoff(Duration first, Duration max, Random random) {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("need 0 < first <= max, were " + first + " and " + max);
        }
        this.first = first;
        this.max = max;
        this.random = random;
    }

    /** The wait before the next attempt; each call counts one more failure. */
    public synchronized Duration next() {
        long ceiling = first.toMillis() << Math.min(failures, 30);
        long capped = Math.min(ceiling < 0 ? Long.MAX_VALUE : ceiling, max.toMillis());
        failures++;
        long half = capped / 2;
        return Duration.ofMillis(half + (long) (random.nextDouble() * (capped - half + 1)));
    }

    /** After a connection that worked: the next wait is short again. */
    public synchronized void reset() {
        failures = 0;
    }
}
