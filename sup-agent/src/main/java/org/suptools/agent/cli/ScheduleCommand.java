package org.suptools.agent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.suptools.agent.AgentAssembly;
import org.suptools.agent.config.AgentConfig;
import org.suptools.agent.job.Approval;
import org.suptools.agent.job.ScheduleRequest;
import org.suptools.agent.job.StageKind;
import org.suptools.agent.job.UpdateJob;
import org.suptools.agent.store.ApprovalInbox;
import org.suptools.agent.store.JobStore;
import org.suptools.agent.store.StateLock;
import org.suptools.agent.update.Approvals;
import org.suptools.agent.update.StageGates;
import org.suptools.agent.update.StateReports;
import org.suptools.tr50.AckCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sup-agent schedule --type=download --campaign-id=C [--start-time=MS --end-time=MS]}: seed
 * 000's approval of one stage. The approval goes to the state directory's inbox, durably; when no
 * agent holds the state directory it is given at once, otherwise the running agent gives it within
 * moments.
 */
@Command(name = "schedule", mixinStandardHelpOptions = true,
        header = "Approve a stage of a campaign's update, now or inside a window.",
        description = {"Approves the download or the execution (install) of the unfinished update of a campaign "
                + "whose stage waits for approval (stagePolicy in the agent config, or the campaign's approval "
                + "param). Times are milliseconds since the epoch; --start-time=0 means now and --end-time=0 no end. "
                + "The stage starts inside the window; a window that closes before the stage started spends the "
                + "approval, and the stage waits for a new one. Works whether or not the agent runs: a running agent "
                + "gives the approval within moments, a stopped one at once (its state then shows in status)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:approved (or handed to the running agent)", "1:the state directory could not be written",
            "2:usage: bad command line or agent config", "3:refused: no unfinished update of the campaign, or its "
                + "stage needs no approval or has already started"},
        footer = {"%nExamples:", "  sup-agent schedule --config /etc/sup/agent.yaml --type=download --campaign-id=C1",
            "  sup-agent schedule --config /etc/sup/agent.yaml --type=execution --campaign-id=C1 "
                + "--start-time=1767225600000 --end-time=1767232800000"})
final class ScheduleCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption options;

    @Option(names = "--type", required = true, paramLabel = "download|execution|activation",
            description = "The stage approved.")
    String type;

    @Option(names = "--campaign-id", required = true, paramLabel = "ID", description = "The campaign whose update it is.")
    String campaignId;

    @Option(names = "--start-time", paramLabel = "MS", defaultValue = "0",
            description = "When the stage may start, in milliseconds since the epoch; 0 (the default) for now.")
    long startTime;

    @Option(names = "--end-time", paramLabel = "MS", defaultValue = "0",
            description = "When the stage may no longer start; 0 (the default) for no end.")
    long endTime;

    /** The clock the command decides with; the system's, a test's own. */
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws Exception {
        StageKind kind = StageKind.ofLabel(type).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "--type: must be download, execution or activation, was '" + type + "'"));
        ScheduleRequest request;
        try {
            request = new ScheduleRequest(kind, campaignId, new Approval(startTime, endTime));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--start-time/--end-time: " + e.getMessage());
        }
        AgentConfig config = options.load();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        JobStore jobs = AgentAssembly.jobs(config);
        // Checked here so that a mistake is said at once; the agent checks again when it gives the approval.
        Optional<String> refusal = refusal(jobs.unfinishedOf(campaignId), request, config);
        if (refusal.isPresent()) {
            err.println("sup-agent: refused: " + refusal.get());
            return 3;
        }
        ApprovalInbox inbox = AgentAssembly.approvalInbox(config);
        inbox.submit(request, clock.millis());
        Optional<StateLock> lock = tryLock(config);
        if (lock.isEmpty()) {
            out.println("handed to the running agent: " + kind.label() + " of campaign " + campaignId + " approved "
                    + request.window().describe() + "; sup-agent status shows the job's state once it is given");
            return 0;
        }
        try (StateLock held = lock.get()) {
            Approvals approvals = new Approvals(jobs, new StateReports(AgentAssembly.outbox(config)), clock);
            List<String> said = approvals.drain(inbox);
            said.forEach(out::println);
        }
        return 0;
    }

    /** Why the approval cannot be given to any unfinished update of the campaign, if so. */
    private Optional<String> refusal(List<UpdateJob> jobs, ScheduleRequest request, AgentConfig config) {
        List<UpdateJob> updates = jobs.stream().filter(job -> job.isUpdate() && !job.stage().terminal()).toList();
        if (updates.isEmpty()) {
            return Optional.of("no unfinished update of campaign " + request.campaignId() + " in "
                    + config.stateDir().resolve("jobs"));
        }
        String first = null;
        for (UpdateJob job : updates) {
            StageGates.Applied applied = StageGates.approve(job, request, clock.instant());
            if (applied.code() == AckCodes.SUCCESS) {
                return Optional.empty();
            }
            first = first == null ? applied.message() : first;
        }
        return Optional.of(first);
    }

    private static Optional<StateLock> tryLock(AgentConfig config) throws IOException {
        try {
            return Optional.of(StateLock.acquire(config.stateDir()));
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("another sup-agent")) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
