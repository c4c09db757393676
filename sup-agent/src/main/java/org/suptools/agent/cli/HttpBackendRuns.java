package org.suptools.agent.cli;

import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.suptools.agent.AgentLog;
import org.suptools.agent.config.HttpAgentConfig;
import org.suptools.agent.ota.BackendLoop;
import org.suptools.agent.ota.HttpBackend;

/** {@code once} and {@code run} when the config's backend is the plain HTTP one. */
final class HttpBackendRuns {

    private HttpBackendRuns() {
    }

    /** One cycle: 0 when the backend was reached and the upgrade (if any) ended, 1 otherwise. */
    static int once(HttpAgentConfig config, PrintWriter out) throws Exception {
        HttpBackend backend = HttpBackend.of(config, Clock.systemUTC(), AgentLog.to(out, Clock.systemUTC()));
        return backend.once().reachable() ? 0 : 1;
    }

    /**
     * A cycle when the version check is due: a random delay up to the jitter after the start, then every
     * check period plus such a delay (a period the backend sets counts from the next check).
     */
    static int run(HttpAgentConfig config, PrintWriter out) throws Exception {
        AgentLog log = AgentLog.to(out, Clock.systemUTC());
        HttpBackend backend = HttpBackend.of(config, Clock.systemUTC(), log);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "sup-agent-stop"));
        log.info("started for " + config.backend().deviceId() + " on " + config.backend().versionUrl()
                + ", state in " + config.stateDir());
        new BackendLoop(config.stateDir(), Clock.systemUTC(), new SecureRandom(), log).run(
                () -> backend.config().backend(), backend::once,
                due -> !stop.await(Math.max(0, Duration.between(Instant.now(), due).toMillis()), TimeUnit.MILLISECONDS));
        log.info("stopped");
        return 0;
    }
}
