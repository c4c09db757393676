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
import org.suptools.tr50.AttributePublish;
import org.suptools.tr50.UpdateCheckResult;
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
    private final SelfCheck selfCheck;
    private boolean linkFailed;
    private int sentBeforeSteps;
    private boolean approvedInThisCheck;
    /** Which stages this run may start: a cycle all of them, {@code download} and {@code install} one each. */
    private Steps steps = Steps.ALL;
    /** True for a run asked for by hand: a check job's windows do not hold it. */
    private boolean ignoreWindows;
    private final List<UpdateJob> ended = new ArrayList<>();

    /** The stages a run may start. */
    private enum Steps {
        ALL, DOWNLOAD_ONLY, INSTALL_ONLY
    }

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
        this(jobs, outbox, downloader, installer, link, clock, log, policy, inbox, Optional.empty());
    }

    /**
     * @param selfCheck the agent's own update checks; without one it only runs what the mailbox sends
     */
    public UpdateAgent(JobStore jobs, Outbox outbox, Downloader downloader, InstallStep installer, Tr50Link link,
            Clock clock, AgentLog log, StagePolicy policy, Optional<ApprovalInbox> inbox,
            Optional<SelfCheck> selfCheck) {
        this.selfCheck = selfCheck.orElse(null);
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
        return run(Steps.ALL, false, false, false);
    }

    /**
     * {@code sup-agent download}: sends the outbox, goes on with the downloads of unfinished jobs,
     * asks {@code update.check} (whether or not a check is due, and whatever the windows say) and
     * fetches and verifies what it offers; installs nothing. The jobs stay {@code DOWNLOAD_COMPLETE}
     * (or where their approvals hold them) for {@link #install}.
     *
     * @throws IllegalStateException when the agent has no self check
     */
    public Cycle download() throws IOException, InterruptedException {
        requireSelfCheck();
        return run(Steps.DOWNLOAD_ONLY, true, true, false);
    }

    /**
     * {@code sup-agent install}: without any network, installs what was downloaded (the jobs whose
     * package is on disk and whose approvals let them go on; a check job's {@code apply} window does
     * not hold a run asked for by hand). The reports wait in the outbox for the next connection.
     */
    public Cycle install() throws IOException, InterruptedException {
        return run(Steps.INSTALL_ONLY, true, false, true);
    }

    /**
     * {@code sup-agent check}: sends the outbox (reports made offline go now), then asks the portal
     * what it would offer; takes nothing and leaves the check timer alone.
     *
     * @throws IOException when the portal cannot be reached
     * @throws SelfCheck.Refused when it refuses the check or the gateway cannot describe itself
     */
    public UpdateCheckResult checkOnly() throws IOException, InterruptedException, SelfCheck.Refused {
        requireSelfCheck();
        reconcile();
        Outbox.Flush flush = outbox.flush(link);
        finishDelivered();
        if (flush.linkFailed()) {
            throw new IOException("the portal cannot be reached; " + flush.left() + " report(s) wait in the outbox");
        }
        if (flush.sent() > 0) {
            log.info("sent " + flush.sent() + " report(s) from the outbox");
        }
        return selfCheck.ask(link);
    }

    /**
     * The daemon starts at {@code now}: an update check that fell due while the agent was off (a
     * power cut, say) is drawn again over the jitter instead of made at once, so a fleet that comes
     * back together does not check together. Only the daemon calls this: {@code once}, which cron
     * runs, keeps the due time it finds, or a cron period under the jitter would never check.
     */
    public void started(Instant now) throws IOException {
        if (selfCheck != null && selfCheck.policy().enabled()) {
            selfCheck.timer().started(now);
        }
    }

    /** The jobs whose end was decided in the last run, in order. */
    public List<UpdateJob> ended() {
        return List.copyOf(ended);
    }

    private void requireSelfCheck() {
        if (selfCheck == null) {
            throw new IllegalStateException("this agent was made without update checks");
        }
    }

    private Cycle run(Steps only, boolean byHand, boolean forceCheck, boolean offline)
            throws IOException, InterruptedException {
        steps = only;
        ignoreWindows = byHand;
        ended.clear();
        int before = reportingCount();
        reconcile();
        if (inbox != null) {
            approvals.drain(inbox).forEach(log::info);
        }
        Outbox.Flush first = offline ? new Outbox.Flush(0, 0, true, outbox.pending().size()) : outbox.flush(link);
        linkFailed = first.linkFailed();
        sentBeforeSteps = 0;
        finishDelivered();
        int newMessages = 0;
        boolean reachable = !first.linkFailed();
        try {
            for (UpdateJob job : jobs.unfinished()) {
                advance(job);
            }
            if (reachable && only == Steps.ALL) {
                newMessages = checkMailbox();
            }
            if (reachable && selfCheck != null && (forceCheck
                    || only == Steps.ALL && selfCheck.policy().enabled() && selfCheck.timer().due(clock.instant()))) {
                checkForUpdates();
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
        if (selfCheck != null && selfCheck.policy().enabled() && only == Steps.ALL) {
            // The daemon wakes for the next check too; one already due waits for the portal like other work.
            Instant check = selfCheck.timer().dueAt(clock.instant());
            if (check.isAfter(clock.instant()) && (nextWindow.isEmpty() || check.isBefore(nextWindow.get()))) {
                nextWindow = Optional.of(check);
            }
        }
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

    /**
     * Asks the portal for the newest release meant for the gateway and takes it as a job, unless
     * that release was taken before. A refusal counts as a check: the period holds the next.
     */
    private void checkForUpdates() throws IOException, InterruptedException, LinkDown {
        UpdateCheckResult answer;
        try {
            answer = selfCheck.ask(link);
        } catch (SelfCheck.Refused e) {
            selfCheck.timer().checked(clock.instant());
            log.info("update check: " + e.getMessage());
            return;
        } catch (IOException e) {
            throw new LinkDown("update.check: " + e.getMessage());
        }
        Instant next = selfCheck.timer().checked(clock.instant());
        if (answer.update().isEmpty()) {
            log.info("update check: up to date; the next check is due at " + next);
            if (jobs.unfinished().stream().noneMatch(UpdateJob::isUpdate)) {
                // Seed 000's "nothing to do" state, published only while no update is in progress.
                outbox.add("_state-check", Tr50Request.of(new AttributePublish(Optional.empty(),
                        StateReports.ATTRIBUTE, StateReports.upToDate(), Optional.of(clock.instant()))),
                        Optional.empty());
            }
            return;
        }
        UpdateCheckResult.Update release = answer.update().get();
        String id = SelfCheck.idOf(release);
        Optional<UpdateJob> known = jobs.find(id);
        if (known.isPresent() || jobs.known(id)) {
            log.info("update check: " + release.name() + " " + release.version() + " was taken before ("
                    + known.map(job -> job.stage().name()).orElse("finished") + "); nothing new");
            return;
        }
        Optional<UpdateJob> taken = selfCheck.take(release, clock.instant());
        if (taken.isEmpty()) {
            log.info("update check: " + release.fileName() + " is not a .sup file; not taken");
            return;
        }
        log.info("update check: " + release.name() + " " + release.version() + " offered"
                + release.installedVersion().map(v -> " (installed " + v + ")").orElse("") + "; taken as " + id);
        UpdateJob job = save(taken.get());
        states.publish(job);
        advance(job);
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
                    if (steps == Steps.INSTALL_ONLY) {
                        return;
                    }
                    job = gate(windowed(job, StageKind.DOWNLOAD), StageKind.DOWNLOAD);
                    if (!StageGates.mayStart(job, StageKind.DOWNLOAD) || linkFailed) {
                        // A download needs the portal: with it away the stage does not start, and its
                        // window (if any) is checked again when it is back.
                        return;
                    }
                    job = enter(job, Stage.DOWNLOADING);
                    publishNow();
                }
                case DOWNLOADING -> {
                    if (steps == Steps.INSTALL_ONLY) {
                        return;
                    }
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
                    if (refusedRelease(job, downloader.packageFile(job))) {
                        return;
                    }
                }
                case DOWNLOAD_COMPLETE, WAITING_FOR_EXECUTION_APPROVAL, SCHEDULED_EXECUTION, WAITING_TO_EXECUTE -> {
                    if (steps == Steps.DOWNLOAD_ONLY) {
                        return;
                    }
                    job = gate(windowed(job, StageKind.EXECUTION), StageKind.EXECUTION);
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
                        if (steps == Steps.INSTALL_ONLY) {
                            log.info(job.mailboxId() + ": its package is no longer on disk; sup-agent download or a "
                                    + "cycle fetches it again");
                            return;
                        }
                        job = enter(job, Stage.DOWNLOADING);
                        continue;
                    }
                    if (refusedRelease(job, file)) {
                        // Checked again before the install: a kill after the download, or the file changed at rest.
                        return;
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

    /** A check job's stage gated by its window as it stands now (see {@link SelfCheck#gate}); other jobs as they are. */
    private UpdateJob windowed(UpdateJob job, StageKind kind) throws IOException {
        if (selfCheck == null || !SelfCheck.isCheck(job)) {
            return job;
        }
        Gate gate = selfCheck.gate(kind, clock.instant(), ignoreWindows);
        return gate.equals(job.gate(kind)) ? job : save(job.gated(kind, gate, clock.instant()));
    }

    /** For a check job: whether its file is not the release announced, in which case the job is reported failed. */
    private boolean refusedRelease(UpdateJob job, Path file) throws IOException {
        if (!SelfCheck.isCheck(job)) {
            return false;
        }
        Optional<JobResult> refused = selfCheck == null ? Optional.of(JobResult.failure(AgentErrors.PACKAGE_CORRUPT,
                "an update check's job cannot be verified by an agent without update checks"))
                : selfCheck.verify(job, file);
        if (refused.isEmpty()) {
            return false;
        }
        log.info(job.mailboxId() + ": " + refused.get().describe());
        report(job, Tr50Request.of(ack(job.mailboxId(), refused.get())), refused.get(), Optional.empty(),
                Stage.DOWNLOAD_FAILED);
        return true;
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
            if (SelfCheck.isCheck(job)) {
                // No mailbox message to ack: the report carries the final state, which reconcile reads back.
                outbox.add(job.key(), SelfCheck.report(reply, ended), installerCopy);
            } else {
                states.publish(ended);
                outbox.add(job.key(), reply, installerCopy);
            }
        }
        save(ended);
        this.ended.add(ended);
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
            if (SelfCheck.isCheck(job)) {
                JobResult result = pending.stream().filter(entry -> entry.jobKey().equals(job.key()))
                        .map(entry -> SelfCheck.resultIn(entry.request())).flatMap(Optional::stream).findFirst()
                        .orElse(JobResult.failure(AckCodes.FAILURE, "the report in the outbox cannot be read"));
                save(job.reporting(job.stage().endingWith(result.succeeded()), result, clock.instant()));
                continue;
            }
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
                log.info((SelfCheck.isCheck(job) ? "update " : "mailbox message ") + job.mailboxId() + ": reported "
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
        if (selfCheck != null) {
            selfCheck.discard(job);
        }
    }

    private int reportingCount() throws IOException {
        return (int) jobs.all().stream().filter(j -> j.stage().terminal()).count();
    }

    private void progress(String mailboxId, String text) {
        if (mailboxId.startsWith(SelfCheck.ID_PREFIX)) {
            return;
        }
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
