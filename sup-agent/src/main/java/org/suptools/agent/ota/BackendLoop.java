package org.suptools.agent.ota;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.suptools.agent.AgentLog;
import org.suptools.agent.config.CheckPolicy;
import org.suptools.agent.config.HttpBackendConfig;
import org.suptools.agent.config.Throttle;
import org.suptools.agent.update.CheckTimer;

/**
 * {@code sup-agent run} on the plain HTTP backend: a cycle each time the version check is due, with
 * the same timer as the TR50 agent's own update checks ({@link CheckTimer}, kept in
 * {@code <stateDir>/ota/timer.json}): a period after the last check plus a random delay up to the
 * jitter. The first check after a start also waits a random delay up to the jitter, and a due time
 * that passed while the agent was off is drawn again: gateways that come back together after a power
 * cut spread their checks instead of all asking at the same second.
 */
public final class BackendLoop {

    /** Waits until {@code due}; false when the agent is asked to stop meanwhile. */
    @FunctionalInterface
    public interface Waiter {
        boolean waitUntil(Instant due) throws InterruptedException;
    }

    /** One cycle: {@link HttpBackend#once}. */
    @FunctionalInterface
    public interface Cycles {
        void cycle() throws IOException, InterruptedException;
    }

    private static final CheckPolicy ANY_TIME = new CheckPolicy(true, Optional.empty(), Optional.empty(),
            Throttle.NONE, ZoneOffset.UTC);

    private final Path timerFile;
    private final Clock clock;
    private final RandomGenerator random;
    private final AgentLog log;

    public BackendLoop(Path stateDir, Clock clock, RandomGenerator random, AgentLog log) {
        this.timerFile = timerFile(stateDir);
        this.clock = clock;
        this.random = random;
        this.log = log;
    }

    /** The timer's file: when the last version check was made and the next is due. */
    public static Path timerFile(Path stateDir) {
        return stateDir.resolve("ota").resolve("timer.json");
    }

    /**
     * Runs cycles until {@code waiter} says stop; {@code backend} is read before each wait, so a check
     * period the backend set counts from the next check on.
     */
    public void run(Supplier<HttpBackendConfig> backend, Cycles cycles, Waiter waiter)
            throws IOException, InterruptedException {
        Instant due = timer(backend.get()).started(clock.instant());
        log.info("the first version check is due at " + due);
        while (waiter.waitUntil(due)) {
            CheckTimer timer = timer(backend.get());
            if (!timer.due(clock.instant())) {
                due = timer.dueAt(clock.instant());
                continue;
            }
            try {
                cycles.cycle();
            } catch (IOException | RuntimeException e) {
                // What was done is on disk; the next cycle goes on.
                log.info("the cycle stopped: " + e);
            }
            due = timer(backend.get()).checked(clock.instant());
            log.info("the next version check is due at " + due);
        }
    }

    /** The version check's timer as {@code backend} sets it. */
    public CheckTimer timer(HttpBackendConfig backend) {
        return new CheckTimer(timerFile, ANY_TIME, backend.checkPeriod(), backend.jitter(), random);
    }
}
