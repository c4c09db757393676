package org.suptools.agent;

import java.time.Duration;
import org.suptools.agent.update.Cycle;

/**
 * How long the daemon waits for its next cycle when no notice wakes it: the check period when a
 * cycle left nothing to do, else a short wait that doubles up to the check period. Work left over
 * (an ack the portal did not confirm, a job the installer's lock held back, a portal out of reach)
 * is then retried within seconds, not a whole check period later, without hammering a portal that
 * stays away.
 */
final class CyclePace {

    static final Duration FIRST_RETRY = Duration.ofSeconds(5);

    private final Duration checkPeriod;
    private Duration retry = FIRST_RETRY;

    CyclePace(Duration checkPeriod) {
        this.checkPeriod = checkPeriod;
    }

    /** The wait after a cycle that ended like this one. */
    Duration after(Cycle cycle) {
        return cycle.pending() == 0 && cycle.portalReachable() ? settled() : unsettled();
    }

    /** The wait after a cycle that failed before it could say what is left. */
    Duration afterFailure() {
        return unsettled();
    }

    private Duration settled() {
        retry = FIRST_RETRY;
        return checkPeriod;
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
