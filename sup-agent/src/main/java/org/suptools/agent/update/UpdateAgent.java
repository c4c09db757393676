package org.suptools.agent.update;

import org.suptools.agent.job.UpdateJob;
import org.suptools.agent.job.Stage;
import org.suptools.agent.job.JobResult;
import org.suptools.agent.job.AgentErrors;
import org.suptools.agent.job.Gate;
import org.suptools.agent.job.ScheduleRequest;
import org.suptools.agent.job.StageKind;
import org.suptools.agent.config.StagePolicy;
import org.suptools.agent.store.ApprovalInbox;
import java.time.Instant;
import java.util.ArrayList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.suptools.agent.AgentLog;
import org.suptools.agent.download.DownloadOutcome;
import org.suptools.agent.download.Downloader;
import org.suptools.agent.link.Tr50Link;
import org.suptools.agent.store.Durable;
import org.suptools.agent.store.JobStore;
import org.suptools.agent.store.Outbox;
import org.suptools.tr50.AckCodes;
import org.suptools.tr50.GatewaySupUpdate;
import org.suptools.tr50.MailboxAck;
import org.suptools.tr50.MailboxCheck;
import org.suptools.tr50.MailboxCheckResult;
import org.suptools.tr50.MailboxMessage;
import org.suptools.tr50.MailboxUpdate;
import org.suptools.tr50.MethodExec;
import org.suptools.tr50.Params;
import org.suptools.tr50.RequestId;
import org.suptools.tr50.Tr50Exception;
import org.suptools.tr50.Tr50Request;
import org.suptools.tr50.Tr50Response;
import org.suptools.tr50.Tr50Result;

/**
 * The agent's work, one cycle at a time: give the approvals {@code sup-agent schedule} left, send
 * what the outbox holds, go on with every unfinished job from the state its record says, read the
 * mailbox, start each new {@code gateway.sup.update} (or give a {@code gateway.sup.schedule}'s
 * approval), and send the reports. A stage that waits for an approval or its window holds its job
 * until a later cycle ({@link StageGates}). A job's report goes to the outbox before its record
 * says it ended, and a cycle first ends every job whose ack the outbox holds, so a kill between
 * the two neither loses the report nor makes a second one; a record exists for every message ever
 * read, so no message is started or acked twice. Every state an update enters is published
 * ({@link StateReports}).
 */
public final class UpdateAgent {

    /** How many times one message may start the installer without a result before it fails. */
    public static final int MAX_INSTALL_ATTEMPTS = 3;

    private final JobStore jobs;
    private final Outbox outbox;
    private final Downloader downloader;
    private final InstallStep installer;
    private boolean prunedOnce;
    private final Tr50Link link;
    private final Clock clock;
    private final AgentLog log;
    private final StagePolicy policy;
    private final ApprovalInbox inbox;
    private final StateReports states;
    private final Approvals approvals;
    private boolean linkFailed;
    private int sentBeforeSteps;
    private boolean approvedInThisCheck;

    public UpdateAgent(JobStore jobs, Outbox outbox, Downloader downloader, InstallStep installer, Tr50Link link,
            Clock clock, AgentLog log) {
        this(jobs, outbox, downloader, installer, link, clock, log, StagePolicy.AUTOMATIC, Optional.empty());
    }

    /**
     * @param policy which stages wait for an approval, unless a campaign asks for more
     * @param inbox where {@code sup-agent schedule} leaves approvals; none for an agent without one
     */
    public UpdateAgent(JobStore jobs, Outbox outbox, Downloader downloader, InstallStep installer, Tr50Link link,
            Clock clock, AgentLog log, StagePolicy policy, Optional<ApprovalInbox> inbox) {
        this.jobs = jobs;
        this.outbox = outbox;
        this.downloader = downloader;
        this.installer = installer;
        this.link = link;
        this.clock = clock;
        this.log = log;
        this.policy = policy;
        this.inbox = inbox.orElse(null);
        this.states = new StateReports(outbox);
        this.approvals = new Approvals(jobs, states, clock);
    }

    /**
     * One full cycle. A link that fails ends it early: what was done is on disk, the next cycle
     * goes on.
     */
    public Cycle cycle() throws IOException, InterruptedException {
        int before = reportingCount();
        reconcile();
        if (inbox != null) {
            approvals.drain(inbox).forEach(log::info);
        }
        Outbox.Flush first = outbox.flush(link);
        linkFailed = first.linkFailed();
        sentBeforeSteps = 0;
        finishDelivered();
        int newMessages = 0;
        boolean reachable = !first.linkFailed();
        try {
            for (UpdateJob job : jobs.unfinished()) {
                advance(job);
            }
            if (reachable) {
                newMessages = checkMailbox();
            }
        } catch (LinkDown e) {
            log.info("the portal cannot be reached: " + e.getMessage());
            reachable = false;
        }
        Outbox.Flush last = reachable ? outbox.flush(link) : new Outbox.Flush(0, 0, true, outbox.pending().size());
        finishDelivered();
        List<UpdateJob> unfinished = jobs.unfinished();
        int pending = (int) unfinished.stream().filter(job -> !job.stage().held()).count() + outbox.pending().size();
        Optional<Instant> nextWindow = unfinished.stream().map(StageGates::opensAt).flatMap(Optional::stream)
                .min(Instant::compareTo);
        return new Cycle(newMessages, Math.max(0, reportingCount() - before),
                first.sent() + sentBeforeSteps + last.sent(),
                reachable && !last.linkFailed(), pending, nextWindow);
    }

    /** Reads the mailbox and starts what is new; returns how many messages were new. */
    private int checkMailbox() throws IOException, InterruptedException, LinkDown {
        Tr50Response response = call(Tr50Request.of(MailboxCheck.manualCompletion()));
        Tr50Result result = response.result(RequestId.of(1)).orElse(Tr50Result.failure(0, "no result"));
        if (!(result instanceof Tr50Result.Success success)) {
            log.info("mailbox.check failed: " + ((Tr50Result.Failure) result).describe());
            return 0;
        }
        MailboxCheckResult messages;
        try {
            messages = MailboxCheckResult.read(success.params());
        } catch (Tr50Exception e) {
            log.info("mailbox.check reply cannot be read: " + e.getMessage());
            return 0;
        }
        int fresh = 0;
        approvedInThisCheck = false;
        for (MailboxMessage message : messages.messages()) {
            try {
                if (jobs.known(message.id())) {
                    continue;
                }
            } catch (IOException e) {
                log.info("mailbox message " + message.id() + " is not started: " + e.getMessage());
                continue;
            }
            fresh++;
            advance(accept(message));
        }
        if (approvedInThisCheck) {
            // A gateway.sup.schedule may have let a job go on that an earlier message left waiting.
            for (UpdateJob job : jobs.unfinished()) {
                advance(job);
            }
        }
        return fresh;
    }

    /** The record of a message read for the first time: a job to run, or an answer to send. */
    private UpdateJob accept(MailboxMessage message) throws IOException {
        if (message.command() instanceof MethodExec exec && exec.method().equals(GatewaySupUpdate.METHOD)) {
            try {
                GatewaySupUpdate update = GatewaySupUpdate.read(exec.params());
                Optional<String> campaignId = update.others().get("campaignId")
                        .filter(node -> node.isTextual() && !node.asText().isBlank()).map(node -> node.asText());
                CampaignApprovals wanted = CampaignApprovals.of(update.others(), policy);
                log.info("mailbox message " + message.id() + ": gateway.sup.update " + update.name()
                        + (wanted.download() ? "; the download waits for approval" : "")
                        + (wanted.execution() ? "; the install waits for approval" : ""));
                UpdateJob job = UpdateJob.received(message.id(), update.name(), campaignId,
                        Gate.of(wanted.download()), Gate.of(wanted.execution()), clock.instant());
                jobs.save(job);
                states.publish(job);
                return job;
            } catch (Tr50Exception | IllegalArgumentException e) {
                return answer(message, JobResult.failure(AgentErrors.BAD_REQUEST,
                        "gateway.sup.update params: " + e.getMessage()));
            } catch (CampaignApprovals.Refused e) {
                return answer(message, JobResult.failure(e.code(), "gateway.sup.update params: " + e.getMessage()));
            }
        }
        if (message.command() instanceof MethodExec exec && exec.method().equals(ScheduleRequest.METHOD)) {
            ScheduleRequest request;
            try {
                request = ScheduleRequest.read(exec.params());
            } catch (IllegalArgumentException e) {
                return answer(message, JobResult.failure(AckCodes.BAD_PARAMETER,
                        ScheduleRequest.METHOD + " params: " + e.getMessage()));
            }
            StageGates.Applied applied = approvals.give(request);
            approvedInThisCheck |= applied.code() == AckCodes.SUCCESS;
            return answer(message, applied.code() == AckCodes.SUCCESS ? JobResult.success(applied.message())
                    : JobResult.failure(applied.code(), applied.message()));
        }
        String what = message.command() instanceof MethodExec exec ? "method " + exec.method()
                : "command " + message.command().commandName();
        return answer(message, JobResult.failure(AckCodes.NOT_SUPPORTED, "sup-agent does not support " + what));
    }

    private UpdateJob answer(MailboxMessage message, JobResult result) throws IOException {
        log.info("mailbox message " + message.id() + ": " + result.describe());
        UpdateJob job = UpdateJob.answered(message.id(), result, clock.instant());
        report(job, Tr50Request.of(ack(job.mailboxId(), result)), result, Optional.empty(), Stage.ANSWERED);
        return job;
    }

    /** Takes a job through its states until it is reported or must wait. */
    private void advance(UpdateJob start) throws IOException, InterruptedException, LinkDown {
        UpdateJob job = start;
        while (true) {
            switch (job.stage()) {
                case INSTANTIATED -> job = enter(job, Stage.INVENTORY_UP_TO_DATE);
                case INVENTORY_UP_TO_DATE, WAITING_FOR_DOWNLOAD_APPROVAL, SCHEDULED_DOWNLOAD, WAITING_FOR_DOWNLOAD -> {
                    job = gate(job, StageKind.DOWNLOAD);
                    if (!StageGates.mayStart(job, StageKind.DOWNLOAD) || linkFailed) {
                        // A download needs the portal: with it away the stage does not start, and its
                        // window (if any) is checked again when it is back.
                        return;
                    }
                    job = enter(job, Stage.DOWNLOADING);
                    publishNow();
                }
                case DOWNLOADING -> {
                    DownloadOutcome outcome;
                    try {
                        outcome = downloader.fetch(job);
                    } catch (IOException e) {
                        UpdateJob paused = jobs.find(job.mailboxId()).orElse(job);
                        if (paused.expectedSize().isEmpty() && paused.downloadedBytes() == 0
                                && paused.download().needsApproval()) {
                            // Its start did not finish (not even file.get): like a stage not started, it
                            // starts again only inside its window.
                            enter(paused, Stage.WAITING_FOR_DOWNLOAD);
                        }
                        linkFailed = true;
                        throw new LinkDown("download of " + job.packageName().orElse("?") + " paused: "
                                + e.getMessage());
                    }
                    if (outcome instanceof DownloadOutcome.Failed failed) {
                        log.info("mailbox message " + job.mailboxId() + ": " + failed.result().describe());
                        report(failed.job(), Tr50Request.of(ack(job.mailboxId(), failed.result())), failed.result(),
                                Optional.empty(), Stage.DOWNLOAD_FAILED);
                        return;
                    }
                    job = outcome.job();
                    states.publish(job);
                }
                case DOWNLOAD_COMPLETE, WAITING_FOR_EXECUTION_APPROVAL, SCHEDULED_EXECUTION, WAITING_TO_EXECUTE -> {
                    job = gate(job, StageKind.EXECUTION);
                    if (!StageGates.mayStart(job, StageKind.EXECUTION)) {
                        return;
                    }
                    if (job.installAttempts() >= MAX_INSTALL_ATTEMPTS) {
                        JobResult gaveUp = JobResult.failure(AgentErrors.INSTALLER_UNAVAILABLE, "the installer was "
                                + "started " + job.installAttempts() + " times without leaving a result");
                        report(job, Tr50Request.of(ack(job.mailboxId(), gaveUp)), gaveUp, Optional.empty(),
                                Stage.EXECUTION_FAILED);
                        return;
                    }
                    Path file = downloader.packageFile(job);
                    if (!Files.isRegularFile(file)) {
                        // The download was approved and done once: fetching it again is part of that stage.
                        job = enter(job, Stage.DOWNLOADING);
                        continue;
                    }
                    job = save(job.installStarted(clock.instant()));
                    states.publish(job);
                    publishNow();
                    log.info("mailbox message " + job.mailboxId() + ": installing " + file.getFileName());
                    String id = job.mailboxId();
                    InstallOutcome outcome = installer.install(job, file, text -> progress(id, text));
                    if (!settle(job, outcome)) {
                        return;
                    }
                    job = jobs.find(job.mailboxId()).orElseThrow();
                }
                case EXECUTING, WAITING_FOR_ACTIVATION_APPROVAL, SCHEDULED_ACTIVATION, WAITING_TO_ACTIVATE -> {
                    InstallOutcome outcome = installer.resolve(job);
                    if (outcome instanceof InstallOutcome.NeverRan never) {
                        log.info("mailbox message " + job.mailboxId() + ": " + never.why() + "; it may run again");
                        job = enter(job, Stage.DOWNLOAD_COMPLETE);
                        continue;
                    }
                    if (!settle(job, outcome)) {
                        return;
                    }
                    job = jobs.find(job.mailboxId()).orElseThrow();
                }
                default -> {
                    // SUCCEEDED, *_FAILED, ANSWERED: the report is decided; only its delivery is left.
                    return;
                }
            }
        }
    }

    /** Settles the job before a stage: saved and published when that moved it. */
    private UpdateJob gate(UpdateJob job, StageKind kind) throws IOException {
        UpdateJob settled = StageGates.settle(job, kind, clock.instant());
        if (settled.equals(job)) {
            return job;
        }
        if (job.gate(kind).approval().isPresent() && settled.gate(kind).approval().isEmpty()) {
            log.info("mailbox message " + job.mailboxId() + ": the " + kind.label() + " window "
                    + job.gate(kind).approval().get().describe() + " closed before the " + kind.label()
                    + " started; it waits for a new approval");
        }
        save(settled);
        if (settled.stage() != job.stage()) {
            states.publish(settled);
        }
        return settled;
    }

    /** The job in a new state, saved, then published. */
    private UpdateJob enter(UpdateJob job, Stage stage) throws IOException {
        UpdateJob moved = save(job.at(stage, clock.instant()));
        states.publish(moved);
        return moved;
    }

    /** Before a long step: the portal sees the state it starts now, not when it ends. */
    private void publishNow() throws IOException, InterruptedException {
        if (!linkFailed) {
            Outbox.Flush flush = outbox.flush(link);
            linkFailed = flush.linkFailed();
            sentBeforeSteps += flush.sent();
        }
    }

    /** Records a decided install; false when there is nothing to do now. */
    private boolean settle(UpdateJob job, InstallOutcome outcome) throws IOException {
        if (outcome instanceof InstallOutcome.Reported reported) {
            log.info("mailbox message " + job.mailboxId() + ": " + reported.result().describe());
            UpdateJob ending = job;
            if (reported.result().succeeded() && job.stage() == Stage.EXECUTING) {
                // Activation (runtime.restart, firmware.update) ran within the install: nothing is left to hold.
                ending = enter(job, Stage.WAITING_TO_ACTIVATE);
            }
            report(ending, reported.reply(), reported.result(), reported.installerCopy(),
                    reported.result().succeeded() ? Stage.SUCCEEDED : Stage.EXECUTION_FAILED);
            return false;
        }
        if (outcome instanceof InstallOutcome.Waiting waiting) {
            log.info("mailbox message " + job.mailboxId() + ": waiting: " + waiting.why());
            return false;
        }
        enter(job, Stage.DOWNLOAD_COMPLETE);
        return true;
    }

    /** The report into the outbox, then the record: see {@link #reconcile} for a kill between the two. */
    private void report(UpdateJob job, Tr50Request reply, JobResult result, Optional<Path> installerCopy,
            Stage ending) throws IOException {
        UpdateJob ended = job.reporting(ending, result, clock.instant());
        if (!outbox.holds(job.key())) {
            states.publish(ended);
            outbox.add(job.key(), reply, installerCopy);
        }
        save(ended);
        Durable.deleteTree(downloader.jobDir(job));
        Durable.delete(installer.replyFile(job));
    }

    /**
     * A job whose ack is in the outbox has ended, whatever its record says: a kill came between the
     * two writes. The ack says how it ended.
     */
    private void reconcile() throws IOException {
        List<UpdateJob> behind = new ArrayList<>();
        for (UpdateJob job : jobs.unfinished()) {
            if (!job.stage().terminal() && outbox.holds(job.key())) {
                behind.add(job);
            }
        }
        if (behind.isEmpty()) {
            return;
        }
        List<Outbox.Entry> pending = outbox.pending();
        for (UpdateJob job : behind) {
            JobResult result = pending.stream().filter(entry -> entry.jobKey().equals(job.key()))
                    .flatMap(entry -> entry.request().commands().values().stream())
                    .filter(command -> command instanceof MailboxAck ack && ack.id().equals(job.mailboxId()))
                    .map(command -> (MailboxAck) command)
                    .map(ack -> new JobResult(ack.errorCode() == 0, ack.errorCode(), ack.errorMessage().orElse("")))
                    .findFirst().orElse(JobResult.failure(AckCodes.FAILURE, "the ack in the outbox cannot be read"));
            save(job.reporting(job.stage().endingWith(result.succeeded()), result, clock.instant()));
        }
    }

    /**
     * A reporting job whose report left the outbox is done: what it left in the state directory
     * beyond its record goes at once, and the oldest finished records are pruned to their names.
     */
    private void finishDelivered() throws IOException {
        boolean finished = false;
        for (UpdateJob job : jobs.unfinished()) {
            if (job.stage().terminal() && !job.acked() && !outbox.holds(job.key())) {
                save(job.acked(clock.instant()));
                discardLeftovers(job);
                finished = true;
                log.info("mailbox message " + job.mailboxId() + ": reported "
                        + job.result().map(JobResult::describe).orElse(""));
            }
        }
        if (finished || !prunedOnce) {
            prunedOnce = true;
            List<UpdateJob> dropped = jobs.prune(JobStore.KEEP_FINISHED);
            for (UpdateJob job : dropped) {
                // Records of an agent before pruning may still have their leftovers.
                discardLeftovers(job);
            }
            if (!dropped.isEmpty()) {
                log.info("pruned " + dropped.size() + " finished job record(s) beyond the newest "
                        + JobStore.KEEP_FINISHED + "; their mailbox ids are kept, so they never run again");
            }
        }
    }

    /** The package folder and the installer's output of a finished job; its record says the result. */
    private void discardLeftovers(UpdateJob job) throws IOException {
        Durable.deleteTree(downloader.jobDir(job));
        installer.discardOutputs(job);
    }

    private int reportingCount() throws IOException {
        return (int) jobs.all().stream().filter(j -> j.stage().terminal()).count();
    }

    private void progress(String mailboxId, String text) {
        link.post(Tr50Request.of(new MailboxUpdate(mailboxId, text)));
    }

    private Tr50Response call(Tr50Request request) throws InterruptedException, LinkDown {
        try {
            return link.call(request);
        } catch (IOException e) {
            throw new LinkDown(e.getMessage());
        }
    }

    private UpdateJob save(UpdateJob job) throws IOException {
        jobs.save(job);
        return job;
    }

    private static MailboxAck ack(String mailboxId, JobResult result) {
        return new MailboxAck(mailboxId, result.errorCode(), Optional.of(result.errorMessage()),
                Optional.of(Params.builder().put("status", result.succeeded() ? "success" : "failure").build()));
    }

    /** The portal could not be reached; the cycle ends and the next goes on. */
    private static final class LinkDown extends Exception {
        LinkDown(String message) {
            super(message);
        }
    }
}
