package org.suptools.agent.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.suptools.agent.AgentAssembly;
import org.suptools.agent.AgentLog;
import org.suptools.agent.Daemon;
import org.suptools.agent.config.AgentConfig;
import org.suptools.agent.job.Stage;
import org.suptools.agent.job.UpdateJob;
import org.suptools.agent.update.Cycle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sup-agent download --config agent.yaml}: fetch and verify, install nothing. */
@Command(name = "download", mixinStandardHelpOptions = true,
        header = "Fetch and verify the newest release meant for this gateway; install nothing.",
        description = {"Connects, sends the outbox, goes on with unfinished downloads, asks update.check and fetches "
                + "the release it offers into the state directory (size, CRC-32 and SHA-256 checked), resuming what "
                + "a dropped connection left. The job stays DOWNLOAD_COMPLETE for sup-agent install. Ignores period, "
                + "jitter and the schedule window; approvals a campaign or stagePolicy asks for still hold."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:downloaded, or nothing to download",
            "1:the broker could not be reached or the link failed (what was fetched is kept; run it again), or a "
                + "download failed for good",
            "2:usage: bad command line or agent config"},
        footer = {"%nExamples:", "  sup-agent download --config /etc/sup/agent.yaml",
            "  0 12 * * 1-5 sup-agent download --config /etc/sup/agent.yaml   (crontab: download at noon)"})
final class DownloadCommand implements Callable<Integer> {

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
        Optional<Map.Entry<Cycle, List<UpdateJob>>> run = new Daemon(config, AgentLog.to(out, Clock.systemUTC()),
                Clock.systemUTC()).connected(connectTimeout.duration(),
                        agent -> Map.entry(agent.download(), agent.ended()));
        if (run.isEmpty()) {
            return 1;
        }
        for (UpdateJob job : AgentAssembly.jobs(config).unfinished()) {
            if (job.stage() == Stage.DOWNLOAD_COMPLETE) {
                out.println("downloaded: " + job.mailboxId() + " " + job.packageName().orElse("") + ".sup; install "
                        + "it with sup-agent install");
            }
        }
        boolean failed = false;
        for (UpdateJob job : run.get().getValue()) {
            out.println(job.mailboxId() + ": " + job.stage() + " (" + job.result().map(r -> r.describe()).orElse("")
                    + ")");
            failed |= job.stage() == Stage.DOWNLOAD_FAILED;
        }
        out.flush();
        return run.get().getKey().portalReachable() && !failed ? 0 : 1;
    }
}
