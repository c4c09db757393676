package org.suptools.agent.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.suptools.agent.AgentLog;
import org.suptools.agent.Daemon;
import org.suptools.agent.config.AgentConfig;
import org.suptools.agent.job.JobResult;
import org.suptools.agent.job.UpdateJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sup-agent install --config agent.yaml}: installs what was downloaded, with no network at all. */
@Command(name = "install", mixinStandardHelpOptions = true,
        header = "Install what was downloaded, without any network.",
        description = {"Opens no connection: runs the installer on every update whose package is on disk "
                + "(DOWNLOAD_COMPLETE and on; approvals a campaign or stagePolicy asks for still hold; the apply "
                + "window does not hold a run asked for by hand) and finishes an install a kill interrupted. The "
                + "reports and state changes wait in the outbox and go at the next check, download, once or run."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:installed, or nothing to install", "1:an install failed (its report is in the outbox)",
            "2:usage: bad command line or agent config"},
        footer = {"%nExamples:", "  sup-agent install --config /etc/sup/agent.yaml",
            "  0 2 * * * sup-agent install --config /etc/sup/agent.yaml   (crontab: install at 02:00)"})
final class InstallCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption options;

    @Override
    public Integer call() throws Exception {
        AgentConfig config = options.load();
        PrintWriter out = spec.commandLine().getOut();
        List<UpdateJob> ended = new Daemon(config, AgentLog.to(out, Clock.systemUTC()), Clock.systemUTC())
                .installOffline().ended();
        if (ended.isEmpty()) {
            out.println("nothing to install");
        }
        for (UpdateJob job : ended) {
            out.println(job.mailboxId() + " " + job.packageName().orElse("") + ": " + job.stage() + " ("
                    + job.result().map(JobResult::describe).orElse("") + "); reported at the next connection");
        }
        out.flush();
        return ended.stream().allMatch(job -> job.result().map(JobResult::succeeded).orElse(false)) ? 0 : 1;
    }
}
