package org.suptools.agent.cli;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.suptools.agent.AgentLog;
import org.suptools.agent.Daemon;
import org.suptools.agent.config.AgentConfig;
import org.suptools.agent.update.Cycle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sup-agent once --config agent.yaml}: one full cycle. */
@Command(name = "once", mixinStandardHelpOptions = true, header = "Run one full cycle and exit.",
        description = {"Connects, sends what the outbox holds, goes on with unfinished work, checks the mailbox, "
                + "runs what is new through the installer, sends the reports, and exits.",
            "With backend: {type: http}: goes on with an unfinished upgrade, posts the version to versionUrl, takes "
                + "the settings, and on upgrade 1 fetches, verifies, installs and notifies."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the cycle ran", "1:the broker (or the HTTP backend) could not be reached, or the link failed during the cycle",
            "2:usage"},
        footer = {"%nExample:", "  sup-agent once --config /etc/sup/agent.yaml"})
final class OnceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption options;

    @Mixin
    ConnectTimeoutOption connectTimeout;

    @Override
    public Integer call() throws Exception {
        if (options.httpBackend()) {
            return HttpBackendRuns.once(options.loadHttp(), spec.commandLine().getOut());
        }
        AgentConfig config = options.load();
        Optional<Cycle> cycle = new Daemon(config, AgentLog.to(spec.commandLine().getOut(), Clock.systemUTC()),
                Clock.systemUTC()).once(connectTimeout.duration());
        return cycle.isPresent() && cycle.get().portalReachable() ? 0 : 1;
    }
}
