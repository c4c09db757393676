package org.suptools.agent.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.suptools.agent.AgentAssembly;
import org.suptools.agent.config.AgentConfig;
import org.suptools.agent.store.AgentJson;
import org.suptools.agent.store.Outbox;
import org.suptools.agent.job.JobResult;
import org.suptools.agent.job.Gate;
import org.suptools.agent.job.StageKind;
import org.suptools.agent.job.UpdateJob;
import org.suptools.agent.manage.RunHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sup-agent status --config agent.yaml [--json]}: what the state directory says, without connecting. */
@Command(name = "status", mixinStandardHelpOptions = true, header = "Show pending work and the last result.",
        description = {"Reads the state directory only (it works while the daemon runs): the unfinished jobs "
                + "and their stages, the reports waiting in the outbox or set aside, the last manual runs of the "
                + "management endpoint (dry run or apply, and how each ended), and the last finished job.",
            "With backend: {type: http}: the last and next version check, the upgrade under way, a result waiting "
                + "for the notify URL, the last upgrade and the settings the backend sent."},
        footer = {"%nExample:", "  sup-agent status --config /etc/sup/agent.yaml --json"})
final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption options;

    @Option(names = "--json", description = "Print a JSON object, stable for scripts.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (options.httpBackend()) {
            new HttpBackendStatus(options.loadHttp()).print(spec.commandLine().getOut(), json);
            spec.commandLine().getOut().flush();
            return 0;
        }
        AgentConfig config = options.load();
        var store = AgentAssembly.jobs(config);
        List<UpdateJob> all = store.all();
        List<UpdateJob> unfinished = all.stream().filter(job -> !job.finished()).toList();
        Optional<UpdateJob> last = all.stream().filter(UpdateJob::finished)
                .max(Comparator.comparing(UpdateJob::updatedAt));
        Outbox outbox = AgentAssembly.outbox(config);
        int waiting = outbox.pending().size();
        int rejected = outbox.rejectedCount();
        long finished = all.stream().filter(UpdateJob::finished).count();
        List<String> unreadableApprovals = new java.util.ArrayList<>();
        int approvals = AgentAssembly.approvalInbox(config).pending(unreadableApprovals).size();
        int pruned = store.prunedCount();
        List<String> unreadableRuns = new java.util.ArrayList<>();
        List<RunHistory.Entry> manualRuns = RunHistory.recent(AgentAssembly.manualRunsDir(config), RunHistory.SHOWN,
                unreadableRuns);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode status = AgentJson.mapper().createObjectNode();
            status.put("thingKey", config.thingKey());
            status.put("stateDir", config.stateDir().toString());
            status.put("state", unfinished.isEmpty() && waiting == 0 ? "idle" : "busy");
            status.set("pending", AgentJson.mapper().valueToTree(unfinished));
            status.put("approvalsWaiting", approvals);
            status.put("outbox", waiting);
            status.put("rejected", rejected);
            status.set("unreadable", AgentJson.mapper().valueToTree(store.unreadable()));
            status.set("last", last.isEmpty() ? null : AgentJson.mapper().valueToTree(last.get()));
            status.put("finished", finished);
            status.put("pruned", pruned);
            ArrayNode runs = status.putArray("manualRuns");
            for (RunHistory.Entry entry : manualRuns) {
                ObjectNode run = runs.addObject();
                run.put("id", entry.run().id());
                run.put("startedAt", entry.run().startedAt().toString());
                run.put("fileName", entry.run().fileName());
                run.put("size", entry.run().size());
                run.put("mode", entry.run().dryRun() ? "dryRun" : "apply");
                run.put("client", entry.run().client());
                run.put("result", entry.result());
                entry.end().ifPresent(end -> {
                    run.put("exitCode", end.exitCode());
                    run.put("installId", end.installId());
                    run.put("endedAt", end.endedAt().toString());
                });
            }
            status.set("unreadableManualRuns", AgentJson.mapper().valueToTree(unreadableRuns));
            out.print(new String(AgentJson.bytes(status), StandardCharsets.UTF_8));
        } else {
            out.println("thing key:   " + config.thingKey());
            out.println("state dir:   " + config.stateDir());
            out.println("state:       " + (unfinished.isEmpty() && waiting == 0 ? "idle" : "busy"));
            if (unfinished.isEmpty()) {
                out.println("pending:     none");
            } else {
                out.println("pending:");
                unfinished.forEach(job -> out.printf("  %-24s %-24s %-31s downloads %d, installs %d%s%n",
                        job.mailboxId(), job.packageName().orElse("-"), job.stage(), job.downloadAttempts(),
                        job.installAttempts(), gates(job)));
            }
            if (approvals > 0) {
                out.println("approvals:   " + approvals + " handed over by sup-agent schedule, given at the agent's"
                        + " next cycle");
            }
            out.println("outbox:      " + waiting + " waiting" + (rejected > 0 ? ", " + rejected
                    + " set aside after refusals (in outbox/rejected)" : ""));
            store.unreadable().forEach(problem -> out.println("unreadable:  " + problem));
            out.println("finished:    " + finished + " record(s) kept" + (pruned > 0 ? ", " + pruned
                    + " older one(s) pruned to their mailbox ids" : ""));
            if (manualRuns.isEmpty()) {
                out.println("manual runs: none");
            } else {
                out.println("manual runs: the last " + manualRuns.size() + " through the management endpoint, newest "
                        + "first (not reported to any campaign):");
                manualRuns.forEach(entry -> out.printf("  %s %s %-24s %-7s %s%n", entry.run().id(),
                        entry.run().startedAt(), entry.run().fileName(), entry.run().dryRun() ? "dry run" : "apply",
                        entry.describe()));
            }
            unreadableRuns.forEach(problem -> out.println("unreadable:  " + problem));
            out.println("last result: " + last.map(job -> job.mailboxId() + " " + job.packageName().orElse("-") + ": "
                    + job.result().map(JobResult::describe).orElse("?") + " at " + job.updatedAt()).orElse("none"));
        }
        out.flush();
        return 0;
    }

    /** {@code , campaign C1, download approved from ... until ...}: what holds the job. */
    private static String gates(UpdateJob job) {
        StringBuilder text = new StringBuilder();
        job.campaignId().ifPresent(id -> text.append(", campaign ").append(id));
        for (StageKind kind : List.of(StageKind.DOWNLOAD, StageKind.EXECUTION)) {
            Gate gate = job.gate(kind);
            if (gate.needsApproval()) {
                text.append(", ").append(kind.label()).append(gate.approval()
                        .map(approval -> " approved " + approval.describe()).orElse(" not approved yet"));
            }
        }
        return text.toString();
    }
}
