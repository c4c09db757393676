package org.suptools.agent.update;

import org.suptools.agent.job.UpdateJob;
import org.suptools.agent.job.Stage;
import org.suptools.agent.job.JobResult;
import org.suptools.agent.job.AgentErrors;
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
 * The agent's work, one cycle at a time: send what the outbox holds, go on with every unfinished
 * job from the stage its record says, read the mailbox, start each new {@code gateway.sup.update},
 * and send the reports. A job's report goes to the outbox before its record says
 * {@code REPORTING}, and a cycle first marks every job the outbox holds as reporting, so a kill
 * between the two neither loses the report nor makes a second one; a record exists for every
 * message ever read, so no message is started or acked twice.
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

    public UpdateAgent(JobStore jobs, Outbox outbox, Downloader downloader, InstallStep installer, Tr50Link link,
            Clock clock, AgentLog log) {
        this.jobs = jobs;
        this.outbox = outbox;
        this.downloader = downloader;
        this.installer = installer;
        this.link = link;
        this.clock = clock;
        this.log = log;
    }

    /**
     * One full cycle. A link that fails ends it early: what was done is on disk, the next cycle
     * goes on.
     */
    public Cycle cycle() throws IOException, InterruptedException {
        int before = reportingCount();
        reconcile();
        Outbox.Flush first = outbox.flush(link);
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
        int pending = jobs.unfinished().size() + outbox.pending().size();
        return new Cycle(newMessages, Math.max(0, reportingCount() - before), first.sent() + last.sent(),
                reachable && !last.linkFailed(), pending);
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
        return fresh;
    }

    /** The record of a message read for the first time: a job to run, or an answer to send. */
    private UpdateJob accept(MailboxMessage message) throws IOException {
        if (message.command() instanceof MethodExec exec && exec.method().equals(GatewaySupUpdate.METHOD)) {
            try {
                GatewaySupUpdate update = GatewaySupUpdate.read(exec.params());
                Optional<String> campaignId = update.others().get("campaignId")
                        .filter(node -> node.isTextual() && !node.asText().isBlank()).map(node -> node.asText());
                log.info("mailbox message " + message.id() + ": gateway.sup.update " + update.name());
                UpdateJob job = UpdateJob.received(message.id(), update.name(), campaignId, clock.instant());
                jobs.save(job);
                return job;
            } catch (Tr50Exception | IllegalArgumentException e) {
                return answer(message, JobResult.failure(AgentErrors.BAD_REQUEST,
                        "gateway.sup.update params: " + e.getMessage()));
            }
        }
        String what = message.command() instanceof MethodExec exec ? "method " + exec.method()
                : "command " + message.command().commandName();
        return answer(message, JobResult.failure(AckCodes.NOT_SUPPORTED, "sup-agent does not support " + what));
    }

    private UpdateJob answer(MailboxMessage message, JobResult result) throws IOException {
        log.info("mailbox message " + message.id() + ": " + result.describe());
        UpdateJob job = UpdateJob.answered(message.id(), result, clock.instant());
        report(job, Tr50Request.of(ack(job.mailboxId(), result)), result, Optional.empty());
        return job;
    }

    /** Takes a job through its stages until it is reported or must wait. */
    private void advance(UpdateJob start) throws IOException, InterruptedException, LinkDown {
        UpdateJob job = start;
        while (true) {
            switch (job.stage()) {
                case RECEIVED, DOWNLOADING -> {
                    DownloadOutcome outcome;
                    try {
                        outcome = downloader.fetch(job);
                    } catch (IOException e) {
                        throw new LinkDown("download of " + job.packageName().orElse("?") + " paused: "
                                + e.getMessage());
                    }
                    if (outcome instanceof DownloadOutcome.Failed failed) {
                        log.info("mailbox message " + job.mailboxId() + ": " + failed.result().describe());
                        report(failed.job(), Tr50Request.of(ack(job.mailboxId(), failed.result())), failed.result(),
                                Optional.empty());
                        return;
                    }
                    job = outcome.job();
                }
                case DOWNLOADED -> {
                    if (job.installAttempts() >= MAX_INSTALL_ATTEMPTS) {
                        JobResult gaveUp = JobResult.failure(AgentErrors.INSTALLER_UNAVAILABLE, "the installer was "
                                + "started " + job.installAttempts() + " times without leaving a result");
                        report(job, Tr50Request.of(ack(job.mailboxId(), gaveUp)), gaveUp, Optional.empty());
                        return;
                    }
                    Path file = downloader.packageFile(job);
                    if (!Files.isRegularFile(file)) {
                        job = save(job.at(Stage.RECEIVED, clock.instant()));
                        continue;
                    }
                    job = save(job.installStarted(clock.instant()));
                    log.info("mailbox message " + job.mailboxId() + ": installing " + file.getFileName());
                    String id = job.mailboxId();
                    InstallOutcome outcome = installer.install(job, file, text -> progress(id, text));
                    if (!settle(job, outcome)) {
                        return;
                    }
                    job = jobs.find(job.mailboxId()).orElseThrow();
                }
                case INSTALLING -> {
                    InstallOutcome outcome = installer.resolve(job);
                    if (outcome instanceof InstallOutcome.NeverRan never) {
                        log.info("mailbox message " + job.mailboxId() + ": " + never.why() + "; it may run again");
                        job = save(job.at(Stage.DOWNLOADED, clock.instant()));
                        continue;
                    }
                    if (!settle(job, outcome)) {
                        return;
                    }
                    job = jobs.find(job.mailboxId()).orElseThrow();
                }
                case REPORTING, DONE -> {
                    return;
                }
                default -> throw new IllegalStateException("unknown stage " + job.stage());
            }
        }
    }

    /** Records a decided install; false when there is nothing to do now. */
    private boolean settle(UpdateJob job, InstallOutcome outcome) throws IOException {
        if (outcome instanceof InstallOutcome.Reported reported) {
            log.info("mailbox message " + job.mailboxId() + ": " + reported.result().describe());
            report(job, reported.reply(), reported.result(), reported.installerCopy());
            return false;
        }
        if (outcome instanceof InstallOutcome.Waiting waiting) {
            log.info("mailbox message " + job.mailboxId() + ": waiting: " + waiting.why());
            return false;
        }
        save(job.at(Stage.DOWNLOADED, clock.instant()));
        return true;
    }

    /** The report into the outbox, then the record: see {@link #reconcile} for a kill between the two. */
    private void report(UpdateJob job, Tr50Request reply, JobResult result, Optional<Path> installerCopy)
            throws IOException {
        if (!outbox.holds(job.key())) {
            outbox.add(job.key(), reply, installerCopy);
        }
        save(job.reporting(result, clock.instant()));
        Durable.deleteTree(downloader.jobDir(job));
        Durable.delete(installer.replyFile(job));
    }

    /** A job whose report is in the outbox is reporting, whatever its record says. */
    private void reconcile() throws IOException {
        for (UpdateJob job : jobs.unfinished()) {
            if (job.stage() != Stage.REPORTING && outbox.holds(job.key())) {
                save(job.at(Stage.REPORTING, clock.instant()));
            }
        }
    }

    /**
     * A reporting job whose report left the outbox is done: what it left in the state directory
     * beyond its record goes at once, and the oldest finished records are pruned to their names.
     */
    private void finishDelivered() throws IOException {
        boolean finished = false;
        for (UpdateJob job : jobs.unfinished()) {
            if (job.stage() == Stage.REPORTING && !outbox.holds(job.key())) {
                save(job.at(Stage.DONE, clock.instant()));
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
        return (int) jobs.all().stream().filter(j -> j.stage() == Stage.REPORTING || j.stage() == Stage.DONE).count();
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
