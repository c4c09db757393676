package org.suptools.agent.job;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The agent's record of one mailbox message, kept on disk in {@code jobs/<key>.json} from the
 * moment it is read until long after it is acked: a message whose record exists is never started
 * again, which is what keeps a package from being run twice and a message from being acked twice.
 *
 * @param mailboxId the message's id, as the portal sent it
 * @param packageName the SUP's name for a {@code gateway.sup.update}; empty for a message the agent only answers
 * @param campaignId the campaign, when the portal's params name it
 * @param stage where the work stands
 * @param expectedSize the file size {@code file.get} promised, once known
 * @param expectedCrc32 the CRC-32 {@code file.get} promised, once known
 * @param downloadedBytes how much of the package is on disk for sure (forced to it)
 * @param partTag the file endpoint's strong {@code ETag} of the bytes on disk, when it sent one: a
 *     resume sends it as {@code If-Range}, so the rest comes from the same bytes or the file comes whole
 * @param downloadAttempts how many fetches were started
 * @param installAttempts how many times the installer was started
 * @param result what the ack says, once decided
 * @param download what the download waits for: nothing, or an approval (absent in older records: nothing)
 * @param execution what the install waits for, likewise
 * @param acked whether the portal took the job's report: a terminal job not yet acked still has it in the outbox
 */
public record UpdateJob(String mailboxId, Optional<String> packageName, Optional<String> campaignId, Stage stage,
        OptionalLong expectedSize, OptionalLong expectedCrc32, long downloadedBytes, Optional<String> partTag,
        int downloadAttempts, int installAttempts, Instant receivedAt, Instant updatedAt, Optional<JobResult> result,
        Gate download, Gate execution, boolean acked) {

    public UpdateJob {
        Objects.requireNonNull(mailboxId, "mailboxId");
        packageName = packageName == null ? Optional.empty() : packageName;
        campaignId = campaignId == null ? Optional.empty() : campaignId;
        Objects.requireNonNull(stage, "stage");
        expectedSize = expectedSize == null ? OptionalLong.empty() : expectedSize;
        expectedCrc32 = expectedCrc32 == null ? OptionalLong.empty() : expectedCrc32;
        // Absent from the records of agents before If-Range.
        partTag = partTag == null ? Optional.empty() : partTag;
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        result = result == null ? Optional.empty() : result;
        download = download == null ? Gate.AUTOMATIC : download;
        execution = execution == null ? Gate.AUTOMATIC : execution;
        if (downloadedBytes < 0 || downloadAttempts < 0 || installAttempts < 0) {
            throw new IllegalArgumentException("counts must be 0 or more");
        }
    }

    /** A {@code gateway.sup.update} just read from the mailbox. */
    public static UpdateJob received(String mailboxId, String packageName, Optional<String> campaignId, Instant now) {
        return received(mailboxId, packageName, campaignId, Gate.AUTOMATIC, Gate.AUTOMATIC, now);
    }

    /** A {@code gateway.sup.update} just read, whose download and install wait as its gates say. */
    public static UpdateJob received(String mailboxId, String packageName, Optional<String> campaignId, Gate download,
            Gate execution, Instant now) {
        return new UpdateJob(mailboxId, Optional.of(packageName), campaignId, Stage.INSTANTIATED, OptionalLong.empty(),
                OptionalLong.empty(), 0, Optional.empty(), 0, 0, now, now, Optional.empty(), download, execution,
                false);
    }

    /** A message answered at once (not supported, bad params): only its ack is left to send. */
    public static UpdateJob answered(String mailboxId, JobResult result, Instant now) {
        return new UpdateJob(mailboxId, Optional.empty(), Optional.empty(), Stage.ANSWERED, OptionalLong.empty(),
                OptionalLong.empty(), 0, Optional.empty(), 0, 0, now, now, Optional.of(result), Gate.AUTOMATIC,
                Gate.AUTOMATIC, false);
    }

    /** The name of the job's files in the state directory. */
    public String key() {
        return SafeName.of(mailboxId);
    }

    public UpdateJob at(Stage newStage, Instant now) {
        return new UpdateJob(mailboxId, packageName, campaignId, newStage, expectedSize, expectedCrc32,
                downloadedBytes, partTag, downloadAttempts, installAttempts, receivedAt, now, result,
                download, execution, acked);
    }

    public UpdateJob expecting(long size, long crc32, Instant now) {
        return new UpdateJob(mailboxId, packageName, campaignId, stage, OptionalLong.of(size), OptionalLong.of(crc32),
                0, Optional.empty(), downloadAttempts, installAttempts, receivedAt, now, result,
                download, execution, acked);
    }

    /** Nothing on disk is of use any more, nor what {@code file.get} said of it: the next attempt starts afresh. */
    public UpdateJob forgettingThePart(Instant now) {
        return new UpdateJob(mailboxId, packageName, campaignId, stage, OptionalLong.empty(), OptionalLong.empty(),
                0, Optional.empty(), downloadAttempts, installAttempts, receivedAt, now, result,
                download, execution, acked);
    }

    public UpdateJob downloaded(long bytes, Instant now) {
        return new UpdateJob(mailboxId, packageName, campaignId, stage, expectedSize, expectedCrc32, bytes,
                partTag, downloadAttempts, installAttempts, receivedAt, now, result, download, execution, acked);
    }

    /** The bytes on disk from now on are those the endpoint tagged so (empty when it sent no strong tag). */
    public UpdateJob taggedPart(Optional<String> tag, Instant now) {
        return new UpdateJob(mailboxId, packageName, campaignId, stage, expectedSize, expectedCrc32, downloadedBytes,
                tag, downloadAttempts, installAttempts, receivedAt, now, result, download, execution, acked);
    }

    public UpdateJob downloadStarted(Instant now) {
        return new UpdateJob(mailboxId, packageName, campaignId, stage, expectedSize, expectedCrc32, downloadedBytes,
                partTag, downloadAttempts + 1, installAttempts, receivedAt, now, result, download, execution, acked);
    }

    public UpdateJob installStarted(Instant now) {
        return new UpdateJob(mailboxId, packageName, campaignId, Stage.EXECUTING, expectedSize, expectedCrc32,
                downloadedBytes, partTag, downloadAttempts, installAttempts + 1, receivedAt, now, result,
                download, execution, acked);
    }

    /** The result decided and its report in the outbox: the job ends in {@code ending}, which is terminal. */
    public UpdateJob reporting(Stage ending, JobResult outcome, Instant now) {
        if (!ending.terminal()) {
            throw new IllegalArgumentException(ending + " is not a state a job ends in");
        }
        return new UpdateJob(mailboxId, packageName, campaignId, ending, expectedSize, expectedCrc32,
                downloadedBytes, partTag, downloadAttempts, installAttempts, receivedAt, now, Optional.of(outcome),
                download, execution, acked);
    }

    /** The portal took the report: the job is finished. */
    public UpdateJob acked(Instant now) {
        return new UpdateJob(mailboxId, packageName, campaignId, stage, expectedSize, expectedCrc32, downloadedBytes,
                partTag, downloadAttempts, installAttempts, receivedAt, now, result, download, execution, true);
    }

    /** The stage's gate replaced (an approval given or withdrawn). */
    public UpdateJob gated(StageKind kind, Gate gate, Instant now) {
        return switch (kind) {
            case DOWNLOAD -> new UpdateJob(mailboxId, packageName, campaignId, stage, expectedSize, expectedCrc32,
                    downloadedBytes, partTag, downloadAttempts, installAttempts, receivedAt, now, result, gate,
                    execution, acked);
            case EXECUTION -> new UpdateJob(mailboxId, packageName, campaignId, stage, expectedSize, expectedCrc32,
                    downloadedBytes, partTag, downloadAttempts, installAttempts, receivedAt, now, result, download,
                    gate, acked);
            case ACTIVATION -> throw new IllegalArgumentException("activation has no gate: it is part of the install");
        };
    }

    public Gate gate(StageKind kind) {
        return switch (kind) {
            case DOWNLOAD -> download;
            case EXECUTION -> execution;
            case ACTIVATION -> Gate.AUTOMATIC;
        };
    }

    /** Its report decided and taken by the portal: nothing left to do. */
    public boolean finished() {
        return stage.terminal() && acked;
    }

    /** A job for a {@code gateway.sup.update}, as opposed to a message only answered. */
    public boolean isUpdate() {
        return packageName.isPresent();
    }
}
