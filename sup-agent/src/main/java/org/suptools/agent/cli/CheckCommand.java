package org.suptools.agent.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.suptools.agent.AgentLog;
import org.suptools.agent.Daemon;
import org.suptools.agent.config.AgentConfig;
import org.suptools.agent.update.SelfCheck;
import org.suptools.tr50.UpdateCheckResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sup-agent check --config agent.yaml}: what an update check would take, metadata only. */
@Command(name = "check", mixinStandardHelpOptions = true,
        header = "Ask the portal for the newest release meant for this gateway, and take nothing.",
        description = {"Connects, sends what the outbox holds (the reports of installs made offline go now), sends "
                + "update.check with the gateway's description (the installer's identity and installed packages), and "
                + "prints the release the portal would send, or that the gateway is up to date. Downloads and installs "
                + "nothing; ignores period, jitter and the windows (cron or a person decides when)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:answered: up to date, or the release is printed",
            "1:the broker could not be reached, the link failed, or the portal refused the check",
            "2:usage: bad command line or agent config"},
        footer = {"%nExamples:", "  sup-agent check --config /etc/sup/agent.yaml",
            "  */30 * * * * sup-agent check --config /etc/sup/agent.yaml   (crontab: report offline results)"})
final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption options;

    @Mixin
    ConnectTimeoutOption connectTimeout;

    @Override
    public Integer call() throws Exception {
        AgentConfig config = options.load();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<UpdateCheckResult> answer;
        try {
            answer = new Daemon(config, AgentLog.to(out, Clock.systemUTC()), Clock.systemUTC())
                    .connected(connectTimeout.duration(), agent -> agent.checkOnly());
        } catch (SelfCheck.Refused | java.io.IOException e) {
            err.println("sup-agent: " + e.getMessage());
            return 1;
        }
        if (answer.isEmpty()) {
            return 1;
        }
        if (answer.get().update().isEmpty()) {
            out.println("up to date: no newer release is meant for " + config.thingKey());
        } else {
            UpdateCheckResult.Update release = answer.get().update().get();
            out.println("update available: " + release.name() + " " + release.version()
                    + release.installedVersion().map(v -> " (installed " + v + ")").orElse(" (not installed)"));
            out.println("  file:   " + release.fileName() + ", " + release.fileSize() + " bytes, sha256 "
                    + release.sha256());
            out.println("  take it: sup-agent download, then sup-agent install (or sup-agent once)");
        }
        out.flush();
        return 0;
    }
}
