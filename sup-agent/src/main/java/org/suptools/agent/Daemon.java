package org.suptools.agent;

import java.io.IOException;
import java.util.Random;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.suptools.agent.config.AgentConfig;
import org.suptools.agent.link.MqttTr50Link;
import org.suptools.agent.store.StateLock;
import org.suptools.agent.update.Cycle;
import org.suptools.agent.update.InstallGate;
import org.suptools.agent.update.UpdateAgent;

/**
 * The agent as a daemon: one worker runs a cycle when the link connects, when the portal says the
 * mailbox has work, when {@code sup-agent schedule} leaves an approval, when an approved window
 * opens, and every check period, or sooner while a cycle left work to retry ({@link CyclePace});
 * or a single cycle ({@link #once}).
 */
public final class Daemon {

    private final AgentConfig config;
    private final AgentLog log;
    private final Clock clock;
    private final Semaphore wake = new Semaphore(0);
    private final java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
    private final RandomGenerator random;
    private volatile boolean stopping;

    public Daemon(AgentConfig config, AgentLog log, Clock clock) {
        this(config, log, clock, new Random());
    }

    /** @param random spreads the periodic checks over {@code checkJitter} */
    public Daemon(AgentConfig config, AgentLog log, Clock clock, RandomGenerator random) {
        this.config = config;
        this.log = log;
        this.clock = clock;
        this.random = random;
    }

    /** Runs until {@link #stop}; every problem of a cycle is logged and the next cycle goes on. */
    public void run() throws IOException, InterruptedException {
        try {
            loop();
        } catch (IOException | InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        } finally {
            ended.countDown();
        }
    }

    private void loop() throws Exception {
        InstallGate gate = new InstallGate();
        try (StateLock lock = StateLock.acquire(config.stateDir());
                AutoCloseable endpoint = AgentAssembly.endpoint(config, gate, clock, log);
                MqttTr50Link link = new MqttTr50Link(config, wake::release, log);
                InboxWatch approvals = InboxWatch.start(AgentAssembly.approvalInbox(config).dir(), wake::release)) {
            UpdateAgent agent = AgentAssembly.agent(config, link, clock, log, gate);
            agent.started(clock.instant());
            log.info("started for " + config.thingKey() + " on " + config.broker() + ", state in " + config.stateDir());
            link.connect();
            CyclePace pace = new CyclePace(config.checkPeriod(), config.checkJitter(), random);
            Duration wait = pace.first();
            while (!stopping) {
                wake.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
                if (stopping || !link.isReady()) {
                    continue;
                }
                try {
                    Cycle cycle = agent.cycle();
                    report(cycle);
                    wait = pace.after(cycle, clock.instant());
                } catch (IOException | RuntimeException e) {
                    // The daemon outlives a bad cycle: what was done is on disk, the next cycle goes on.
                    log.info("the cycle stopped: " + e);
                    wait = pace.afterFailure();
                }
            }
        }
        log.info("stopped");
    }

    /** One full cycle; empty when the broker could not be reached within {@code connectTimeout}. */
    public java.util.Optional<Cycle> once(Duration connectTimeout) throws IOException, InterruptedException {
        try (StateLock lock = StateLock.acquire(config.stateDir());
                MqttTr50Link link = new MqttTr50Link(config, () -> {
                }, log)) {
            UpdateAgent agent = AgentAssembly.agent(config, link, clock, log);
            link.connect();
            if (!link.awaitReady(connectTimeout)) {
                log.info(link.refusal().map(why -> "could not connect: " + why).orElse("could not connect to "
                        + config.broker() + " within " + connectTimeout.toSeconds() + " s"));
                return java.util.Optional.empty();
            }
            Cycle cycle = agent.cycle();
            report(cycle);
            return java.util.Optional.of(cycle);
        }
    }

    /** Work for one connection: {@code sup-agent check} and {@code download}. */
    @FunctionalInterface
    public interface Connected<T> {
        T run(UpdateAgent agent) throws IOException, InterruptedException, org.suptools.agent.update.SelfCheck.Refused;
    }

    /**
     * Runs {@code work} once connected; empty when the broker could not be reached within
     * {@code connectTimeout}.
     */
    public <T> java.util.Optional<T> connected(Duration connectTimeout, Connected<T> work)
            throws IOException, InterruptedException, org.suptools.agent.update.SelfCheck.Refused {
        try (StateLock lock = StateLock.acquire(config.stateDir());
                MqttTr50Link link = new MqttTr50Link(config, () -> {
                }, log)) {
            UpdateAgent agent = AgentAssembly.agent(config, link, clock, log);
            link.connect();
            if (!link.awaitReady(connectTimeout)) {
                log.info(link.refusal().map(why -> "could not connect: " + why).orElse("could not connect to "
                        + config.broker() + " within " + connectTimeout.toSeconds() + " s"));
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(work.run(agent));
        }
    }

    /**
     * {@code sup-agent install}: installs what was downloaded without opening any connection; the
     * reports wait in the outbox for the next one.
     */
    public UpdateAgent installOffline() throws IOException, InterruptedException {
        try (StateLock lock = StateLock.acquire(config.stateDir())) {
            UpdateAgent agent = AgentAssembly.agent(config, org.suptools.agent.link.OfflineLink.INSTANCE, clock, log);
            agent.install();
            return agent;
        }
    }

    public void stop() {
        stopping = true;
        wake.release();
    }

    /** Waits until {@link #run} has returned; false when {@code timeout} passed first (a cycle still runs). */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void report(Cycle cycle) {
        if (cycle.newMessages() > 0 || cycle.reported() > 0 || cycle.sent() > 0 || cycle.pending() > 0) {
            log.info("cycle: " + cycle.newMessages() + " new message(s), " + cycle.reported() + " reported, "
                    + cycle.sent() + " sent, " + cycle.pending() + " pending"
                    + (cycle.portalReachable() ? "" : "; the portal was not reachable"));
        }
    }
}
