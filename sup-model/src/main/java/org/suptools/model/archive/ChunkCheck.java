package org.suptools.model.archive;

import static org.suptools.model.InvalidPackageException.Reason.HASH_MISMATCH;
import static org.suptools.model.InvalidPackageException.Reason.TRUNCATED;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.suptools.model.InvalidPackageException;
import org.suptools.model.concurrent.Threads;
import org.suptools.model.files.ChannelIo;
import org.suptools.model.manifest.PayloadFile;

/**
 * Checks a STORED payload against its {@link ChunkIndex} on every core: each thread takes the
 * next chunk not yet taken, reads it where it lies in the file and compares its SHA-256 with the
 * index. The first difference stops every thread; the refusal names the chunk found to differ. Progress is reported on the caller's thread, as the sequential read reports it.
 */
final class ChunkCheck {

    /** Each thread's read buffer: 256 KiB, read in {@link ChannelIo#STEP}-byte calls. */
    private static final int BUFFER_SIZE = Sha256.BUFFER_SIZE;
    /** How often the caller's thread passes progress on while it waits. */
    private static final long PROGRESS_MILLIS = 100;
    /** The thread's own stack: a loop around a read and a digest, nothing deep. */
    private static final long STACK_BYTES = 256 * 1024;

    private final Path file;
    private final long dataStart;
    private final PayloadFile payload;
    private final ChunkIndex index;
    private final String indexEntry;
    private final AtomicInteger nextChunk = new AtomicInteger();
    private final AtomicLong bytesChecked = new AtomicLong();
    private final AtomicInteger chunksChecked = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private ChunkCheck(Path file, long dataStart, PayloadFile payload, ChunkIndex index) {
        this.file = file;
        this.dataStart = dataStart;
        this.payload = payload;
        this.index = index;
        this.indexEntry = ChunkIndex.entryFor(payload.path());
    }

    /**
     * Checks the {@code payload.size()} bytes from {@code dataStart} on against {@code index},
     * which must {@linkplain ChunkIndex#misfit fit} the payload.
     *
     * @throws InvalidPackageException {@code HASH_MISMATCH} for a chunk that differs,
     *                                 {@code TRUNCATED} if the file ends before the payload does
     * @throws IOException             if the file cannot be read
     */
    static void check(Path file, long dataStart, PayloadFile payload, ChunkIndex index, ProgressReporter reporter)
            throws IOException, InvalidPackageException {
        new ChunkCheck(file, dataStart, payload, index).run(reporter);
    }

    private void run(ProgressReporter reporter) throws IOException, InvalidPackageException {
        int threads = (int) Math.min(Runtime.getRuntime().availableProcessors(), index.sha256().size());
        try (FileChannel channel = FileChannel.open(file)) {
            List<Thread> workers = new ArrayList<>();
            for (int i = 0; i < Math.max(1, threads); i++) {
                Thread worker = new Thread(null, () -> checkChunks(channel), "sup-chunk-check-" + i, STACK_BYTES);
                worker.setDaemon(true);
                worker.start();
                workers.add(worker);
            }
            long reported = 0;
            for (Thread worker : workers) {
                while (worker.isAlive()) {
                    try {
                        worker.join(PROGRESS_MILLIS);
                    } catch (InterruptedException e) {
                        InterruptedIOException interrupted = new InterruptedIOException(file
                                + ": interrupted while it was checked");
                        fail(interrupted);
                        stopAndWait(workers);
                        Thread.currentThread().interrupt();
                        throw interrupted;
                    }
                    reported = report(reporter, reported);
                }
            }
            report(reporter, reported);
        }
        Throwable failed = failure.get();
        if (failed instanceof InvalidPackageException invalid) {
            throw invalid;
        }
        if (failed instanceof IOException io) {
            throw new IOException(file + ": cannot be read: " + io.getMessage(), io);
        }
        if (failed != null || chunksChecked.get() != index.sha256().size()) {
            throw new IOException(file + ": the check of entry " + EntryNames.quoted(payload.path())
                    + " ended after " + chunksChecked.get() + " of its " + index.sha256().size() + " chunks", failed);
        }
    }

    private long report(ProgressReporter reporter, long reported) {
        long checked = bytesChecked.get();
        reporter.add(checked - reported);
        return checked;
    }

    private void stopAndWait(List<Thread> workers) {
        workers.forEach(Threads::awaitEnd);
    }

    /** One thread's work: the next chunk nobody has taken, until there is none or one failed. */
    private void checkChunks(FileChannel channel) {
        MessageDigest digest = Sha256.newDigest();
        // Direct: read straight into it, without the JDK's copy out of a direct buffer of its own.
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_SIZE);
        int chunks = index.sha256().size();
        try {
            for (int chunk = nextChunk.getAndIncrement(); chunk < chunks && failure.get() == null;
                    chunk = nextChunk.getAndIncrement()) {
                String actual = hashChunk(channel, chunk, digest, buffer);
                if (!actual.equals(index.sha256().get(chunk))) {
                    fail(new InvalidPackageException(HASH_MISMATCH, file + ": entry " + EntryNames.quoted(payload.path())
                            + " differs from what was signed: bytes " + index.start(chunk) + " to "
                            + (end(chunk) - 1) + " (chunk " + (chunk + 1) + " of " + chunks + ") have SHA-256 "
                            + actual + ", but its chunk index " + EntryNames.quoted(indexEntry) + " gives "
                            + index.sha256().get(chunk)));
                } else {
                    chunksChecked.incrementAndGet();
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            fail(e);
        }
    }

    private String hashChunk(FileChannel channel, int chunk, MessageDigest digest, ByteBuffer buffer)
            throws IOException {
        long position = index.start(chunk);
        long end = end(chunk);
        while (position < end && failure.get() == null) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), end - position));
            while (buffer.hasRemaining()) {
                int n = ChannelIo.read(channel, buffer, dataStart + position + buffer.position());
                if (n < 0) {
                    fail(new InvalidPackageException(TRUNCATED, file + ": entry " + EntryNames.quoted(payload.path())
                            + " is cut short: the file ends " + (position + buffer.position()) + " bytes into it, but the manifest declares "
                            + payload.size()));
                    return "";
                }
            }
            int n = buffer.position();
            digest.update(buffer.flip());
            position += n;
            bytesChecked.addAndGet(n);
        }
        return Sha256.hex(digest.digest());
    }

    private long end(int chunk) {
        return Math.min(payload.size(), index.start(chunk) + index.chunkSize());
    }

    /** Keeps the first failure, which stops every thread. */
    private void fail(Throwable e) {
        failure.compareAndSet(null, e);
    }
}
