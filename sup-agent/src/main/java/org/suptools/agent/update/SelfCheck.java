package org.suptools.agent.update;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.suptools.agent.config.CheckPolicy;
import org.suptools.agent.config.Window;
import org.suptools.agent.job.AgentErrors;
import org.suptools.agent.job.Approval;
import org.suptools.agent.job.Gate;
import org.suptools.agent.job.JobResult;
import org.suptools.agent.job.StageKind;
import org.suptools.agent.job.UpdateJob;
import org.suptools.agent.link.Tr50Link;
import org.suptools.agent.store.AgentJson;
import org.suptools.agent.store.Durable;
import org.suptools.tr50.AttributePublish;
import org.suptools.tr50.MailboxAck;
import org.suptools.tr50.MailboxUpdate;
import org.suptools.tr50.RequestId;
import org.suptools.tr50.Tr50Command;
import org.suptools.tr50.Tr50Exception;
import org.suptools.tr50.Tr50Request;
import org.suptools.tr50.Tr50Result;
import org.suptools.tr50.UpdateCheck;
import org.suptools.tr50.UpdateCheckResult;

/**
 * The agent's own update checks (seeds 001 and 004): it sends {@code update.check} with the
 * gateway's description and takes the release the portal answers with as a job of its own, which
 * goes through the same persisted states as a campaign's ({@link UpdateAgent}). Such a job has no
 * mailbox message: its id is {@code check:<name>@<version>} (never a portal's mailbox id, which
 * has no {@code :}), no {@code mailbox.ack} or {@code mailbox.update} is ever sent for it, and its
 * report is the installer's log lines with the final {@code sup.update.state}. Its download may
 * start only inside the {@code schedule} window and its install only inside the {@code apply}
 * window: each is its stage's approval, the window's current or next opening, worked out again
 * each time the job comes to that stage. A release whose job exists (finished or not) is never
 * taken again: a failed one waits for a newer release.
 */
public final class SelfCheck {

    /** The start of every check job's id. */
    public static final String ID_PREFIX = "check:";

    private final Path dir;
    private final CheckPolicy policy;
    private final CheckTimer timer;
    private final DeviceDescription description;

    /**
     * @param dir {@code checks/} in the state directory: the timer and the releases taken
     */
    public SelfCheck(Path dir, CheckPolicy policy, CheckTimer timer, DeviceDescription description) {
        this.dir = dir;
        this.policy = policy;
        this.timer = timer;
        this.description = description;
    }

    public CheckPolicy policy() {
        return policy;
    }

    public CheckTimer timer() {
        return timer;
    }

    public static boolean isCheck(UpdateJob job) {
        return job.mailboxId().startsWith(ID_PREFIX);
    }

    /** The job id of a release. */
    public static String idOf(UpdateCheckResult.Update release) {
        return ID_PREFIX + release.name() + "@" + release.version();
    }

    /**
     * Asks the portal for the newest release meant for the gateway.
     *
     * @throws IOException when the description cannot be made or the portal cannot be reached
     * @throws Refused when the portal answers with a failure or an answer that cannot be read
     */
    public UpdateCheckResult ask(Tr50Link link) throws IOException, InterruptedException, Refused {
        UpdateCheck check = new UpdateCheck(description.describe(), Optional.empty());
        Tr50Result result = link.call(Tr50Request.of(check)).result(RequestId.of(1))
                .orElseThrow(() -> new Refused("the reply to update.check has no result for command 1"));
        if (result instanceof Tr50Result.Failure failure) {
            throw new Refused("update.check failed: " + failure.describe());
        }
        try {
            return UpdateCheckResult.read(((Tr50Result.Success) result).params());
        } catch (Tr50Exception | IllegalArgumentException e) {
            throw new Refused("the reply to update.check cannot be read: " + e.getMessage());
        }
    }

    /**
     * The job for a release offered, with what its record does not keep written beside it; empty
     * when its file is not a {@code .sup} (the portal's releases always are).
     */
    public Optional<UpdateJob> take(UpdateCheckResult.Update release, Instant now) throws IOException {
        if (!release.fileName().endsWith(".sup") || release.fileName().length() == 4) {
            return Optional.empty();
        }
        UpdateJob job = UpdateJob.received(idOf(release), release.fileName().substring(0,
                release.fileName().length() - 4), Optional.empty(), Gate.AUTOMATIC, Gate.AUTOMATIC, now);
        CheckedRelease kept = new CheckedRelease(release.name(), release.version(), release.installedVersion(),
                release.fileName(), release.sha256(), now);
        Files.createDirectories(releases());
        Durable.write(releaseFile(job), AgentJson.bytes(kept));
        return Optional.of(job);
    }

    /** The release a check job was made for; empty for another job, or a record lost. */
    public Optional<CheckedRelease> release(UpdateJob job) {
        Path file = releaseFile(job);
        if (!isCheck(job) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(AgentJson.mapper().readValue(file.toFile(), CheckedRelease.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Deletes what a finished check job kept beside its record. */
    public void discard(UpdateJob job) throws IOException {
        if (isCheck(job)) {
            Durable.delete(releaseFile(job));
        }
    }

    /**
     * The file's SHA-256 against the one the portal announced: a failure when they differ (or the
     * announcement is lost, which cannot vouch for the file), empty when the file is the release.
     */
    public Optional<JobResult> verify(UpdateJob job, Path file) throws IOException {
        Optional<CheckedRelease> release = release(job);
        if (release.isEmpty()) {
            return Optional.of(JobResult.failure(AgentErrors.PACKAGE_CORRUPT, "the release record of " + job.mailboxId()
                    + " is lost, so its SHA-256 cannot be checked; the file was deleted unrun"));
        }
        String actual = sha256(file);
        if (!actual.equals(release.get().sha256())) {
            return Optional.of(JobResult.failure(AgentErrors.PACKAGE_CORRUPT, release.get().fileName()
                    + " was refused before the install: its SHA-256 is " + actual + ", update.check announced "
                    + release.get().sha256()));
        }
        return Optional.empty();
    }

    /**
     * The gate of a check job's stage at {@code now}: automatic without a window (or when the run
     * was asked for by hand), else an approval for the window's current or next opening, until it
     * closes.
     */
    public Gate gate(StageKind kind, Instant now, boolean ignoreWindows) {
        Optional<Window> window = kind == StageKind.DOWNLOAD ? policy.schedule() : policy.apply();
        if (ignoreWindows || window.isEmpty()) {
            return Gate.AUTOMATIC;
        }
        Optional<Instant> opens = window.get().nextOpening(now, policy.zone());
        if (opens.isEmpty()) {
            return Gate.APPROVAL;
        }
        Instant start = opens.get();
        long end = window.get().closingAfter(start, policy.zone()).map(Instant::toEpochMilli).orElse(0L);
        return Gate.APPROVAL.approved(new Approval(start.toEpochMilli(), end));
    }

    /**
     * The report of a check job: the installer's log lines (its {@code mailbox.ack} and progress
     * name no mailbox message, so they are left out), then the state the job ended in.
     */
    public static Tr50Request report(Tr50Request reply, UpdateJob ended) {
        List<Tr50Command> commands = new ArrayList<>();
        for (Tr50Command command : reply.commands().values()) {
            if (!(command instanceof MailboxAck) && !(command instanceof MailboxUpdate)) {
                commands.add(command);
            }
        }
        commands.add(new AttributePublish(Optional.empty(), StateReports.ATTRIBUTE, StateReports.value(ended),
                Optional.of(ended.updatedAt())));
        return Tr50Request.of(commands);
    }

    /** What a check job's report in the outbox says it ended with, read back from its final state. */
    public static Optional<JobResult> resultIn(Tr50Request report) {
        for (Tr50Command command : report.commands().values()) {
            if (command instanceof AttributePublish attribute && attribute.key().equals(StateReports.ATTRIBUTE)) {
                try {
                    JsonNode value = AgentJson.mapper().readTree(attribute.value());
                    if (value.path("state").asText().equals("SUCCEEDED")) {
                        return Optional.of(JobResult.success(""));
                    }
                    if (value.path("errorCode").isInt()) {
                        return Optional.of(JobResult.failure(value.path("errorCode").asInt(),
                                value.path("reason").asText("")));
                    }
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private Path releases() {
        return dir.resolve("releases");
    }

    private Path releaseFile(UpdateJob job) {
        return releases().resolve(job.key() + ".json");
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The portal answered the check with a failure, or with an answer that cannot be read. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }
}
