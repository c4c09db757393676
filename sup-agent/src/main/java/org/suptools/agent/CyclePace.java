package org.suptools.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;
import org.suptools.agent.update.Cycle;

/**
 * How long the daemon waits for its next cycle when no notice wakes it: the check period when a
 * cycle left nothing to do, else a short wait that doubles up to the check period. Work left over
 * (an ack the portal did not confirm, a job the installer's lock held back, a portal out of reach)
 * is then retried within seconds, not a whole check period later, without hammering a portal that
 * stays away.
 *
 * <p>The check period itself is spread: each settled wait is the period plus or minus a random
 * amount up to the jitter, drawn anew each time, so gateways started together (a power cut, a
 * fleet rollout) drift apart instead of checking the mailbox in lock step for ever. The retries
 * are not spread: they are short, and the reconnects that start them are already jittered.
 */
final class CyclePace {

    static final Duration FIRST_RETRY = Duration.ofSeconds(5);

    private final Duration checkPeriod;
    private final Duration jitter;
    private final RandomGenerator random;
    private Duration retry = FIRST_RETRY;

    /**
     * @param jitter how far a settled wait may fall either side of the period; less than it
     * @param random where the spread comes from (a test's is scripted)
     */
    CyclePace(Duration checkPeriod, Duration jitter, RandomGenerator random) {
        if (jitter.isNegative() || jitter.compareTo(checkPeriod) >= 0) {
            throw new IllegalArgumentException("jitter: must be from 0 to less than the check period " + checkPeriod
                    + ", was " + jitter);
        }
        this.checkPeriod = checkPeriod;
        this.jitter = jitter;
        this.random = random;
    }

    /** The wait after a cycle that ended like this one. */
    Duration after(Cycle cycle) {
        return cycle.pending() == 0 && cycle.portalReachable() ? settled() : unsettled();
    }

    /**
     * The wait after a cycle, cut short to wake when the earliest approved window opens: a window
     * is honoured to the second, not at the next check.
     */
    Duration after(Cycle cycle, Instant now) {
        Duration wait = after(cycle);
        if (cycle.nextWindow().isEmpty()) {
            return wait;
        }
        // Rounded up to the millisecond the daemon's wait counts in, so it never wakes just before the window.
        Duration untilWindow = Duration.ofMillis(Duration.between(now, cycle.nextWindow().get()).plusNanos(999_999)
                .toMillis());
        return untilWindow.isNegative() ? Duration.ZERO : shorter(untilWindow, wait);
    }

    /** The wait after a cycle that failed before it could say what is left. */
    Duration afterFailure() {
        return unsettled();
    }

    /** The wait before the first periodic check, spread like every other. */
    Duration first() {
        return spread();
    }

    private Duration settled() {
        retry = FIRST_RETRY;
        return spread();
    }

    private Duration spread() {
        long range = jitter.toMillis();
        return range == 0 ? checkPeriod : checkPeriod.plusMillis(random.nextLong(-range, range + 1));
    }

    private Duration unsettled() {
        Duration wait = shorter(retry, checkPeriod);
        retry = shorter(retry.multipliedBy(2), checkPeriod);
        return wait;
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
