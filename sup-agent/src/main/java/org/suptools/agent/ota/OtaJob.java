package org.suptools.agent.ota;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.suptools.agent.job.JobResult;
import org.suptools.agent.job.Stage;
import org.suptools.agent.job.UpdateJob;

/**
 * The agent's record of one upgrade the HTTP backend asked for, kept in {@code <stateDir>/ota/job.json}
 * from the answer {@code upgrade: 1} until its result is posted to the notify URL, then as
 * {@code ota/last.json}. Written before the work of each state starts, so a kill at any point goes on
 * from there and never installs twice.
 *
 * @param id names the upgrade: the installer's {@code --mailbox-id}, so its confirmation.json finds this run
 * @param version the offered version, when the answer named it
 * @param size the offered package's size, when the answer named it
 * @param sha256 its SHA-256, when the answer named it: the download is refused unless it matches
 * @param stage where the work stands: {@code DOWNLOADING}, {@code DOWNLOAD_COMPLETE}, {@code EXECUTING},
 *     then {@code SUCCEEDED}, {@code DOWNLOAD_FAILED} or {@code EXECUTION_FAILED}
 * @param downloadedBytes how much of the package is on disk for sure
 * @param partTag the package URL's strong {@code ETag} of the bytes on disk, sent as {@code If-Range}
 * @param result the result, once decided
 * @param notified whether the notify URL took the result (or there is none)
 */
public record OtaJob(String id, Optional<String> version, OptionalLong size, Optional<String> sha256, Stage stage,
        long downloadedBytes, Optional<String> partTag, int downloadAttempts, int installAttempts,
        Optional<JobResult> result, boolean notified, Instant startedAt, Instant updatedAt) {

    public OtaJob {
        Objects.requireNonNull(id, "id");
        version = version == null ? Optional.empty() : version;
        size = size == null ? OptionalLong.empty() : size;
        sha256 = sha256 == null ? Optional.empty() : sha256;
        Objects.requireNonNull(stage, "stage");
        partTag = partTag == null ? Optional.empty() : partTag;
        result = result == null ? Optional.empty() : result;
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (downloadedBytes < 0 || downloadAttempts < 0 || installAttempts < 0) {
            throw new IllegalArgumentException("counts must be 0 or more");
        }
    }

    /** An upgrade just asked for. */
    public static OtaJob asked(VersionAnswer answer, Instant now) {
        String id = "ota-" + answer.version().orElse("next") + "-" + now.toEpochMilli();
        return new OtaJob(id, answer.version(), answer.size(), answer.sha256(), Stage.WAITING_FOR_DOWNLOAD, 0,
                Optional.empty(), 0, 0, Optional.empty(), false, now, now);
    }

    /** True for the same offer: the same version and bytes (when both answers named them). */
    public boolean sameOffer(VersionAnswer answer) {
        return version.equals(answer.version()) && sha256.equals(answer.sha256());
    }

    /** What the installer is told of this upgrade: the id as its mailbox id, nothing else. */
    UpdateJob forInstaller() {
        return UpdateJob.received(id, "ota", Optional.empty(), startedAt);
    }

    /** The package's file name: what the installer records. */
    String fileName() {
        return "ota-" + version.orElse("package") + ".sup";
    }

    OtaJob at(Stage next, Instant now) {
        return new OtaJob(id, version, size, sha256, next, downloadedBytes, partTag, downloadAttempts,
                installAttempts, result, notified, startedAt, now);
    }

    OtaJob downloaded(long bytes, Optional<String> tag, Instant now) {
        return new OtaJob(id, version, size, sha256, stage, bytes, tag, downloadAttempts, installAttempts, result,
                notified, startedAt, now);
    }

    OtaJob downloadStarted(Instant now) {
        return new OtaJob(id, version, size, sha256, stage, downloadedBytes, partTag, downloadAttempts + 1,
                installAttempts, result, notified, startedAt, now);
    }

    OtaJob installStarted(Instant now) {
        return new OtaJob(id, version, size, sha256, Stage.EXECUTING, downloadedBytes, partTag, downloadAttempts,
                installAttempts + 1, result, notified, startedAt, now);
    }

    OtaJob ended(Stage ending, JobResult outcome, Instant now) {
        if (!ending.terminal()) {
            throw new IllegalArgumentException(ending + " is not a state an upgrade ends in");
        }
        return new OtaJob(id, version, size, sha256, ending, downloadedBytes, partTag, downloadAttempts,
                installAttempts, Optional.of(outcome), notified, startedAt, now);
    }

    OtaJob notified(Instant now) {
        return new OtaJob(id, version, size, sha256, stage, downloadedBytes, partTag, downloadAttempts,
                installAttempts, result, true, startedAt, now);
    }

    /**
     * The text posted to the notify URL, as the seed's {@code 900 Success}: {@code 900 Success} or
     * {@code 901 Failure: <code> <reason>}, one line.
     */
    public String notification() {
        JobResult outcome = result.orElseThrow();
        if (outcome.succeeded()) {
            return "900 Success" + version.map(v -> ": " + v + " installed").orElse("");
        }
        String line = ("901 Failure: " + outcome.errorCode() + " " + outcome.errorMessage())
                .replaceAll("\\p{Cntrl}", " ");
        return line.length() > 4000 ? line.substring(0, 4000) : line;
    }
}
