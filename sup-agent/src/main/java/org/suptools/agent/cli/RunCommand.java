package org.suptools.agent.cli;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.suptools.agent.AgentLog;
import org.suptools.agent.Daemon;
import org.suptools.agent.config.AgentConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sup-agent run --config agent.yaml}: the daemon. */
@Command(name = "run", mixinStandardHelpOptions = true, header = "Run the agent until it is stopped.",
        description = {"Connects to the broker (and keeps reconnecting), checks the mailbox on connect, on each "
                + "notify/mailbox_activity, when sup-agent schedule leaves an approval, when an approved window opens, and "
                + "every checkPeriod (give or take checkJitter), and runs each gateway.sup.update through the "
                + "installer, holding the stages stagePolicy or the campaign hold for approval. SIGTERM stops it; work in progress is on disk and "
                + "goes on at the next start.",
            "With backend: {type: http}: a version check soon after the start and every backend.checkPeriod, each "
                + "delayed at random by up to backend.checkJitter."},
        footer = {"%nExample:", "  sup-agent run --config /etc/sup/agent.yaml"})
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption options;

    @Override
    public Integer call() throws Exception {
        if (options.httpBackend()) {
            return HttpBackendRuns.run(options.loadHttp(), spec.commandLine().getOut());
        }
        AgentConfig config = options.load();
        Daemon daemon = new Daemon(config, AgentLog.to(spec.commandLine().getOut(), Clock.systemUTC()),
                Clock.systemUTC());
        // On SIGTERM: let a cycle between two steps end cleanly; one in the middle of a long step
        // (an install) is cut after a few seconds, which the state on disk is made for.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            daemon.stop();
            try {
                daemon.awaitEnd(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sup-agent-stop"));
        daemon.run();
        return 0;
    }
}
