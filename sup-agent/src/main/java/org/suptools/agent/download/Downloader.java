package org.suptools.agent.download;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.zip.CRC32;
import org.suptools.agent.store.Durable;
import org.suptools.agent.store.JobStore;
import org.suptools.agent.job.AgentErrors;
import org.suptools.agent.job.JobResult;
import org.suptools.agent.job.SafeName;
import org.suptools.agent.job.Stage;
import org.suptools.agent.job.UpdateJob;
import org.suptools.tr50.FileGetResult;
import org.suptools.tr50.PortalErrorCodes;

/**
 * Fetches a campaign's package into {@code downloads/<key>.sup}, in constant memory whatever its
 * size. Each attempt asks {@code file.get} for a fresh id (ids are single-use and expire), then
 * asks the file endpoint for the bytes not yet on disk ({@code Range: bytes=N-}, with {@code If-Range}:
 * the endpoint's {@code ETag} of the bytes on disk, kept in the job). A part is resumed only when
 * {@code file.get} announces the same size and CRC as before and the endpoint confirms the same bytes;
 * a file replaced in between is fetched again from the first byte, never mixed. What is on disk
 * for sure is forced to it and recorded in the job at checkpoints, so a kill or a power loss
 * costs at most one checkpoint's bytes; a resumed download trims the file to the last checkpoint.
 * The whole file's size and IEEE CRC-32 must be what {@code file.get} announced: a file that is
 * longer or whose CRC differs is deleted and the update fails before the installer sees it,
 * unless its chunk indexes say where it went wrong ({@link ChunkRepair}): then it is cut before
 * the first damaged chunk and fetched again from there, as a retried problem. A missing file
 * (-90008) fails at once; every other problem is retried, a bounded number of times.
 */
public final class Downloader {

    private static final int BUFFER = 64 * 1024;

    private final FileIds fileIds;
    private final FileSource source;
    private final JobStore jobs;
    private final Path dir;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RetryPolicy retries;
    private final Progress progress;

    /** Hears how far a download is, and of each attempt that ended short of the whole file. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (job, bytes, total) -> {
        };

        void at(UpdateJob job, long bytes, long total);

        /** An attempt ended with {@code problem}; another follows unless the attempts are used up. */
        default void attemptFailed(UpdateJob job, String problem) {
        }
    }

    /**
     * @param maxAttempts how many fetches one update may start before it fails
     * @param firstWait the wait after the first failed attempt, doubled after each, at most {@code maxWait}
     */
    public record RetryPolicy(int maxAttempts, Duration firstWait, Duration maxWait) {

        public static final RetryPolicy DEFAULT = new RetryPolicy(6, Duration.ofSeconds(2), Duration.ofMinutes(1));

        public RetryPolicy {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts: must be at least 1, was " + maxAttempts);
            }
        }

        Duration waitAfter(int attempt) {
            Duration wait = firstWait.multipliedBy(1L << Math.min(20, Math.max(0, attempt - 1)));
            return wait.compareTo(maxWait) > 0 ? maxWait : wait;
        }
    }

    public Downloader(FileIds fileIds, FileSource source, JobStore jobs, Path dir, Clock clock, Sleeper sleeper,
            RetryPolicy retries, Progress progress) {
        this.fileIds = fileIds;
        this.source = source;
        this.jobs = jobs;
        this.dir = dir;
        this.clock = clock;
        this.sleeper = sleeper;
        this.retries = retries;
        this.progress = progress;
    }

    /**
     * The file a finished download is in: the package's own name (which the installer records),
     * in a folder of the job's.
     */
    public Path packageFile(UpdateJob job) {
        return jobDir(job).resolve(SafeName.of(job.packageName().orElse("package")) + ".sup");
    }

    /** The job's folder, deleted with what is in it once the job is reported. */
    public Path jobDir(UpdateJob job) {
        return dir.resolve(job.key());
    }

    Path partFile(UpdateJob job) {
        return packageFile(job).resolveSibling(packageFile(job).getFileName() + ".part");
    }

    /**
     * Fetches the job's package, going on from what an earlier run left.
     *
     * @throws IOException when the portal cannot be reached for {@code file.get} or the disk fails;
     *     the job stays {@code DOWNLOADING} and the next call goes on
     */
    public DownloadOutcome fetch(UpdateJob start) throws IOException, InterruptedException {
        UpdateJob job = save(start.at(Stage.DOWNLOADING, clock.instant()));
        String fileName = job.packageName().orElseThrow() + ".sup";
        Files.createDirectories(jobDir(job));
        String lastProblem = "no attempt was made";
        ChunkRepair repair = new ChunkRepair();
        while (true) {
            if (job.downloadAttempts() >= retries.maxAttempts()) {
                Durable.delete(partFile(job));
                return new DownloadOutcome.Failed(job, JobResult.failure(AgentErrors.DOWNLOAD_FAILED,
                        "download of " + fileName + " failed after " + job.downloadAttempts() + " attempts: "
                                + lastProblem));
            }
            if (job.downloadAttempts() > 0) {
                sleeper.sleep(retries.waitAfter(job.downloadAttempts()));
            }
            FileGetResult file;
            try {
                file = fileIds.get(fileName);
            } catch (PortalRefusal refusal) {
                if (refusal.code() == PortalErrorCodes.FILE_NOT_FOUND) {
                    Durable.delete(partFile(job));
                    return new DownloadOutcome.Failed(job, JobResult.failure(refusal.code(), refusal.getMessage()));
                }
                job = save(job.downloadStarted(clock.instant()));
                lastProblem = "file.get failed: " + refusal.code() + " " + refusal.getMessage();
                continue;
            }
            job = save(job.downloadStarted(clock.instant()));
            if (job.expectedSize().orElse(-1) != file.fileSize() || job.expectedCrc32().orElse(-1) != file.crc32()) {
                // A first attempt, or the file was replaced on the portal: what is on disk is of no use.
                Durable.delete(partFile(job));
                job = save(job.expecting(file.fileSize(), file.crc32(), clock.instant()));
            }
            Attempt attempt = new Attempt(job, file, repair);
            try {
                attempt.run();
            } catch (Corrupt e) {
                Durable.delete(partFile(attempt.job));
                return new DownloadOutcome.Failed(attempt.job, JobResult.failure(AgentErrors.PACKAGE_CORRUPT,
                        fileName + " was refused before the install: " + e.getMessage()));
            }
            job = attempt.job;
            if (attempt.problem == null) {
                Path ready = packageFile(job);
                Durable.move(partFile(job), ready);
                return new DownloadOutcome.Ready(save(job.at(Stage.DOWNLOAD_COMPLETE, clock.instant())), ready);
            }
            lastProblem = attempt.problem;
            progress.attemptFailed(job, lastProblem);
        }
    }

    private UpdateJob save(UpdateJob job) throws IOException {
        jobs.save(job);
        return job;
    }

    /** A package that is not the one announced: refused, never retried. */
    private static final class Corrupt extends Exception {
        Corrupt(String message) {
            super(message);
        }
    }

    /** One fetch: from the last checkpoint to the end, or to the first problem. */
    private final class Attempt {
        UpdateJob job;
        final FileGetResult file;
        final ChunkRepair repair;
        String problem;

        Attempt(UpdateJob job, FileGetResult file, ChunkRepair repair) {
            this.job = job;
            this.file = file;
            this.repair = repair;
        }

        void run() throws IOException, Corrupt {
            Path part = partFile(job);
            long size = file.fileSize();
            long checkpointEvery = CheckpointSpacing.of(size, CheckpointSpacing.MIN_BYTES);
            try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ)) {
                long offset = Math.min(job.downloadedBytes(), out.size());
                out.truncate(offset);
                CRC32 crc = new CRC32();
                PartPrefix.feed(out, offset, crc::update);
                if (offset < size) {
                    offset = receive(out, crc, offset, size, checkpointEvery);
                    if (problem != null) {
                        return;
                    }
                }
                if (offset != size) {
                    problem = "the file ended at byte " + offset + " of " + size;
                    return;
                }
                if (crc.getValue() != file.crc32()) {
                    String mismatch = "its CRC-32 is " + crc.getValue() + ", file.get announced " + file.crc32();
                    Optional<DamagedChunk> damaged = repair.cutBeforeDamage(out, offset);
                    if (damaged.isEmpty()) {
                        throw new Corrupt(mismatch);
                    }
                    problem = mismatch + ": " + damaged.get().describe();
                    job = save(job.downloaded(damaged.get().start(), clock.instant()));
                }
            }
        }

        /** Appends what the endpoint sends; returns the new end of the file. */
        private long receive(FileChannel out, CRC32 crc, long offset, long size, long checkpointEvery)
                throws IOException, Corrupt {
            FileSource.Fetch fetch;
            Optional<String> partTag = offset > 0 ? job.partTag() : Optional.empty();
            try {
                fetch = source.open(file.fileId(), offset, partTag);
            } catch (IOException e) {
                problem = "the file endpoint did not answer: " + e.getMessage();
                return offset;
            }
            try (fetch) {
                boolean whole = fetch.status() == 200;
                if ((whole || fetch.status() == 206) && partTag.isPresent() && !fetch.tag().equals(partTag)) {
                    // If-Range did not match: the portal's bytes are no longer those on disk, and what
                    // file.get announced may not describe them either. Both are dropped; the next
                    // attempt asks file.get afresh and starts from the first byte.
                    problem = "the file was replaced on the portal after its first " + offset + " bytes were "
                            + "fetched (ETag " + partTag.get() + ", now " + fetch.tag().orElse("none")
                            + "); it is fetched again from the start";
                    out.truncate(0);
                    job = save(job.forgettingThePart(clock.instant()));
                    return 0;
                }
                if (whole && offset > 0) {
                    // The endpoint ignored the range: start again from the first byte.
                    offset = 0;
                    out.truncate(0);
                    crc.reset();
                    job = save(job.downloaded(0, clock.instant()));
                } else if (fetch.status() == 206 && fetch.start() != offset) {
                    problem = "the endpoint answered from byte " + fetch.start() + " when asked from " + offset;
                    return offset;
                } else if (!whole && fetch.status() != 206) {
                    problem = "the file endpoint answered HTTP " + fetch.status()
                            + (fetch.status() == 404 || fetch.status() == 410 ? " (the file id is unknown or expired)"
                                    : "");
                    return offset;
                }
                if (whole && !job.partTag().equals(fetch.tag())) {
                    // From the first byte on, the file on disk is these bytes: a later resume asks for them.
                    job = save(job.taggedPart(fetch.tag(), clock.instant()));
                }
                if (fetch.total().isPresent() && fetch.total().getAsLong() != size) {
                    throw new Corrupt("the endpoint says the file has " + fetch.total().getAsLong()
                            + " bytes, file.get announced " + size);
                }
                return copy(fetch.body(), out, crc, offset, size, checkpointEvery);
            }
        }

        private long copy(InputStream in, FileChannel out, CRC32 crc, long offset, long size, long checkpointEvery)
                throws IOException, Corrupt {
            byte[] buffer = new byte[BUFFER];
            long checkpoint = offset;
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    if (offset + n > size) {
                        throw new Corrupt("the endpoint sent more than the " + size + " bytes file.get announced");
                    }
                    ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                    while (chunk.hasRemaining()) {
                        out.write(chunk, offset + chunk.position());
                    }
                    crc.update(buffer, 0, n);
                    offset += n;
                    if (offset - checkpoint >= checkpointEvery) {
                        checkpoint = checkpoint(out, offset, size);
                    }
                }
            } catch (IOException e) {
                problem = "the download broke off at byte " + offset + " of " + size + ": " + e.getMessage();
            }
            checkpoint(out, offset, size);
            return offset;
        }

        private long checkpoint(FileChannel out, long offset, long size) throws IOException {
            out.force(false);
            job = save(job.downloaded(offset, clock.instant()));
            progress.at(job, offset, size);
            return offset;
        }
    }
}
