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
 */
public record UpdateJob(String mailboxId, Optional<String> packageName, Optional<String> campaignId, Stage stage,
        OptionalLong expectedSize, OptionalLong expectedCrc32, long downloadedBytes, Optional<String> partTag,
        int downloadAttempts, int installAttempts, Instant receivedAt, Instant updatedAt, Optional<JobResult> result) {

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
        if (downloadedBytes < 0 || downloadAttempts < 0 || installAttempts < 0) {
            throw new IllegalArgumentException("counts must be 0 or more");
        }
    }

    /** A {@code gateway.sup.update} just read from the mailbox. */
    public static UpdateJob received(String mailboxId, String packageName, Optional<String> campaignId, Instant now) {
        return new UpdateJob(mailboxId, Optional.of(packageName), campaignId, Stage.RECEIVED, OptionalLong.empty(),
                OptionalLong.empty(), 0, Optional.empty(), 0, 0, now, now, Optional.empty());
    }

    /** A message answered at once (not supported, bad params): only its ack is left to send. */
    public static UpdateJob answered(String mailboxId, JobResult result, Instant now) {
        return new UpdateJob(mailboxId, Optional.empty(), Optional.empty(), Stage.REPORTING, OptionalLong.empty(),
                OptionalLong.empty(), 0, Optional.empty(), 0, 0, now, now, Optional.of(result));
    }

    /** The name of the job's files in the state directory. */
    public String key() {
        return SafeName.of(mailboxId);
    }

    public UpdateJob at(Stage newStage, Instant now) {
        return new UpdateJob(mailboxId, packageName, campaignId, newStage, expectedSize, expectedCrc32,
                downloadedBytes, partTag, downloadAttempts, installAttempts, receivedAt, now, result);
    }

    public UpdateJob expecting(long size, long crc32, Instant now) {
        return new UpdateJob(mailboxId, packageName, campaignId, stage, OptionalLong.of(size), OptionalLong.of(crc32),
                0, Optional.empty(), downloadAttempts, installAttempts, receivedAt, now, result);
    }

    /** Nothing on disk is of use any more, nor what {@code file.get} said of it: the next attempt starts afresh. */
    public UpdateJob forgettingThePart(Instant now) {
        return new UpdateJob(mailboxId, packageName, campaignId, stage, OptionalLong.empty(), OptionalLong.empty(),
                0, Optional.empty(), downloadAttempts, installAttempts, receivedAt, now, result);
    }

    public UpdateJob downloaded(long bytes, Instant now) {
        return new UpdateJob(mailboxId, packageName, campaignId, stage, expectedSize, expectedCrc32, bytes,
                partTag, downloadAttempts, installAttempts, receivedAt, now, result);
    }

    /** The bytes on disk from now on are those the endpoint tagged so (empty when it sent no strong tag). */
    public UpdateJob taggedPart(Optional<String> tag, Instant now) {
        return new UpdateJob(mailboxId, packageName, campaignId, stage, expectedSize, expectedCrc32, downloadedBytes,
                tag, downloadAttempts, installAttempts, receivedAt, now, result);
    }

    public UpdateJob downloadStarted(Instant now) {
        return new UpdateJob(mailboxId, packageName, campaignId, stage, expectedSize, expectedCrc32, downloadedBytes,
                partTag, downloadAttempts + 1, installAttempts, receivedAt, now, result);
    }

    public UpdateJob installStarted(Instant now) {
        return new UpdateJob(mailboxId, packageName, campaignId, Stage.INSTALLING, expectedSize, expectedCrc32,
                downloadedBytes, partTag, downloadAttempts, installAttempts + 1, receivedAt, now, result);
    }

    /** The result decided; the report goes to the outbox next. */
    public UpdateJob reporting(JobResult outcome, Instant now) {
        return new UpdateJob(mailboxId, packageName, campaignId, Stage.REPORTING, expectedSize, expectedCrc32,
                downloadedBytes, partTag, downloadAttempts, installAttempts, receivedAt, now, Optional.of(outcome));
    }
}
