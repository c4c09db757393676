package org.suptools.agent.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.suptools.agent.AgentLog;
import org.suptools.agent.config.HttpAgentConfig;
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

    /** A cycle at the start and every check period (a period the backend sets counts from the next wait). */
    static int run(HttpAgentConfig config, PrintWriter out) throws Exception {
        AgentLog log = AgentLog.to(out, Clock.systemUTC());
        HttpBackend backend = HttpBackend.of(config, Clock.systemUTC(), log);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "sup-agent-stop"));
        log.info("started for " + config.backend().deviceId() + " on " + config.backend().versionUrl()
                + ", state in " + config.stateDir());
        do {
            try {
                backend.once();
            } catch (java.io.IOException | RuntimeException e) {
                // What was done is on disk; the next cycle goes on.
                log.info("the cycle stopped: " + e);
            }
        } while (!stop.await(backend.config().backend().checkPeriod().toMillis(), TimeUnit.MILLISECONDS));
        log.info("stopped");
        return 0;
    }
}
