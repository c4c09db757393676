package org.suptools.agent.ota;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;
import org.suptools.agent.AgentLog;
import org.suptools.agent.download.CheckpointSpacing;
import org.suptools.agent.download.ChunkRepair;
import org.suptools.agent.download.DamagedChunk;
import org.suptools.agent.download.FileSource;
import org.suptools.agent.download.PartPrefix;
import org.suptools.agent.download.Sleeper;
import org.suptools.agent.job.AgentErrors;
import org.suptools.agent.job.JobResult;
import org.suptools.agent.job.Stage;
import org.suptools.agent.store.Durable;

/**
 * Fetches the package the backend offers into {@code ota/download/<id>.part}, in constant memory,
 * going on from what an earlier attempt or an earlier run left ({@code Range} with {@code If-Range}:
 * a package replaced in between comes whole and the part is dropped, never mixed). What is on disk
 * for sure is forced and recorded at checkpoints ({@link CheckpointSpacing}). A download that breaks off is tried again, at
 * most {@code downloadAttempts} times in all for the upgrade; then it is revoked. A package longer
 * than announced, or whose size or SHA-256 differs from the answer's, is corrupt: revoked at once.
 * Revoked means the part is deleted and nothing is installed, unless the package's chunk indexes
 * say where a download whose SHA-256 differs went wrong ({@link ChunkRepair}): then it is cut
 * before the first damaged chunk and fetched again from there, as an interrupted download is.
 */
public final class PackageDownload {

    private static final int BUFFER = 64 * 1024;

    private final BackendClient client;
    private final OtaStore store;
    private final Clock clock;
    private final Sleeper sleeper;
    private final int maxAttempts;
    private final long minCheckpointEvery;
    private final Checkpoints checkpoints;
    private final AgentLog log;

    /** Hears each checkpoint once it is on disk; a test may stop the agent there. */
    @FunctionalInterface
    public interface Checkpoints {
        Checkpoints NONE = job -> {
        };

        void reached(OtaJob job) throws IOException;
    }

    /** How a download ended. */
    public sealed interface Outcome {
        OtaJob job();

        /** The package is on disk, whole and as announced. */
        record Ready(OtaJob job, Path file) implements Outcome {
        }

        /** Revoked: nothing on disk, the job ended with the reason. */
        record Revoked(OtaJob job) implements Outcome {
        }
    }

    /** @param log hears of each attempt that ended short of the whole file */
    public PackageDownload(BackendClient client, OtaStore store, Clock clock, Sleeper sleeper, int maxAttempts,
            long minCheckpointEvery, Checkpoints checkpoints, AgentLog log) {
        this.client = client;
        this.store = store;
        this.clock = clock;
        this.sleeper = sleeper;
        this.maxAttempts = maxAttempts;
        this.minCheckpointEvery = minCheckpointEvery;
        this.checkpoints = checkpoints;
        this.log = log;
    }

    public Path file(OtaJob job) {
        return store.downloads().resolve(job.fileName());
    }

    private Path part(OtaJob job) {
        return store.downloads().resolve(job.fileName() + ".part");
    }

    public Outcome fetch(OtaJob start) throws IOException, InterruptedException {
        OtaJob job = store.save(start.at(Stage.DOWNLOADING, clock.instant()));
        Files.createDirectories(store.downloads());
        String lastProblem = "no attempt was made";
        Duration wait = Duration.ofSeconds(2);
        ChunkRepair repair = new ChunkRepair();
        while (true) {
            if (job.downloadAttempts() >= maxAttempts) {
                return revoke(job, AgentErrors.DOWNLOAD_FAILED, "the download was interrupted " + job.downloadAttempts()
                        + " time(s) and is revoked: " + lastProblem);
            }
            if (job.downloadAttempts() > 0 && !lastProblem.equals("no attempt was made")) {
                sleeper.sleep(wait);
                wait = wait.multipliedBy(2).compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1)
                        : wait.multipliedBy(2);
            }
            job = store.save(job.downloadStarted(clock.instant()));
            Attempt attempt = new Attempt(job, repair);
            try {
                attempt.run();
            } catch (Corrupt e) {
                return revoke(attempt.job, AgentErrors.PACKAGE_CORRUPT, "the download is corrupt and is revoked: "
                        + e.getMessage());
            }
            job = attempt.job;
            if (attempt.problem == null) {
                Path ready = file(job);
                Durable.move(part(job), ready);
                return new Outcome.Ready(store.save(job.at(Stage.DOWNLOAD_COMPLETE, clock.instant())), ready);
            }
            lastProblem = attempt.problem;
            log.info("download of upgrade " + job.id() + ", attempt " + job.downloadAttempts() + " of " + maxAttempts
                    + ": " + lastProblem);
        }
    }

    private Outcome revoke(OtaJob job, int code, String why) throws IOException {
        Durable.delete(part(job));
        Durable.delete(file(job));
        return new Outcome.Revoked(store.save(job.ended(Stage.DOWNLOAD_FAILED, JobResult.failure(code, why),
                clock.instant())));
    }

    /** A package that is not the one announced: revoked, never retried. */
    private static final class Corrupt extends Exception {
        Corrupt(String message) {
            super(message);
        }
    }

    /** One fetch: from the last checkpoint to the end, or to the first problem. */
    private final class Attempt {
        OtaJob job;
        final ChunkRepair repair;
        String problem;
        /** The SHA-256 of the part so far, when the answer named the package's. */
        Optional<MessageDigest> sha256 = Optional.empty();

        Attempt(OtaJob job, ChunkRepair repair) {
            this.job = job;
            this.repair = repair;
        }

        void run() throws IOException, Corrupt {
            try (FileChannel out = FileChannel.open(part(job), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ)) {
                long offset = Math.min(job.downloadedBytes(), out.size());
                out.truncate(offset);
                FileSource.Fetch fetch;
                try {
                    fetch = client.openPackage(offset, offset > 0 ? job.partTag() : Optional.empty());
                } catch (IOException e) {
                    problem = "the package URL did not answer: " + e.getMessage();
                    return;
                }
                try (fetch) {
                    if (fetch.status() == 200 && offset > 0) {
                        // The range was not honoured, or the package changed (If-Range): start from the first byte.
                        offset = 0;
                        out.truncate(0);
                    } else if (fetch.status() == 206 && fetch.start() != offset) {
                        problem = "the package URL answered from byte " + fetch.start() + " when asked from " + offset;
                        return;
                    }
                    job = store.save(job.downloaded(offset, fetch.status() == 200 ? fetch.tag() : job.partTag(),
                            clock.instant()));
                    OptionalLong total = fetch.total();
                    OptionalLong expected = job.size().isPresent() ? job.size() : total;
                    if (job.size().isPresent() && total.isPresent() && total.getAsLong() != job.size().getAsLong()) {
                        throw new Corrupt("the package URL sends " + total.getAsLong() + " bytes, the version check"
                                + " announced " + job.size().getAsLong());
                    }
                    // The SHA-256 is summed as the bytes arrive, from those already on disk on: no second
                    // read of the file at its end (the agent's quick compiler hashes at about 140 MB/s).
                    sha256 = job.sha256().isPresent() ? Optional.of(sha256Of(out, offset)) : Optional.empty();
                    offset = copy(fetch.body(), out, offset, expected,
                            CheckpointSpacing.of(expected.orElse(0), minCheckpointEvery));
                    if (problem != null) {
                        return;
                    }
                    if (expected.isPresent() && offset != expected.getAsLong()) {
                        problem = "the package ended at byte " + offset + " of " + expected.getAsLong();
                        return;
                    }
                }
                if (sha256.isPresent()) {
                    String actual = HexFormat.of().formatHex(sha256.get().digest());
                    if (!actual.equals(job.sha256().get())) {
                        String mismatch = "its SHA-256 is " + actual + ", the version check announced "
                                + job.sha256().get();
                        Optional<DamagedChunk> damaged = repair.cutBeforeDamage(out, offset);
                        if (damaged.isEmpty()) {
                            throw new Corrupt(mismatch);
                        }
                        problem = mismatch + ": " + damaged.get().describe();
                        job = store.save(job.downloaded(damaged.get().start(), job.partTag(), clock.instant()));
                    }
                }
            }
        }

        private long copy(InputStream in, FileChannel out, long offset, OptionalLong expected, long checkpointEvery)
                throws IOException, Corrupt {
            // Never more than a checkpoint's worth at a time, so a checkpoint is never skipped over.
            byte[] buffer = new byte[(int) Math.min(BUFFER, checkpointEvery)];
            long checkpoint = offset;
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    if (expected.isPresent() && offset + n > expected.getAsLong()) {
                        throw new Corrupt("the package URL sent more than the " + expected.getAsLong()
                                + " bytes announced");
                    }
                    ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                    while (chunk.hasRemaining()) {
                        out.write(chunk, offset + chunk.position());
                    }
                    if (sha256.isPresent()) {
                        sha256.get().update(buffer, 0, n);
                    }
                    offset += n;
                    if (offset - checkpoint >= checkpointEvery) {
                        checkpoint = checkpoint(out, offset);
                    }
                }
            } catch (IOException e) {
                problem = "the download broke off at byte " + offset + ": " + e.getMessage();
            }
            checkpoint(out, offset);
            return offset;
        }

        private long checkpoint(FileChannel out, long offset) throws IOException {
            out.force(false);
            job = store.save(job.downloaded(offset, job.partTag(), clock.instant()));
            checkpoints.reached(job);
            return offset;
        }
    }

    /** A SHA-256 digest that has been fed the part's first {@code length} bytes. */
    private static MessageDigest sha256Of(FileChannel part, long length) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        PartPrefix.feed(part, length, digest::update);
        return digest;
    }
}
