package org.suptools.model.archive;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;

/**
 * Copies payload files into an archive, STORED or DEFLATED, reading each byte once: the
 * calling thread reads a file into a few large direct buffers and writes (or deflates) them,
 * while a second thread computes the SHA-256 and CRC-32 of the same buffers. Hashing is the
 * slowest part of building a package, so it gets a thread of its own and overlaps all I/O;
 * direct buffers spare the copies the JDK makes for heap arrays.
 *
 * <p>One copier serves one archive, one payload at a time; {@link #close} stops its thread.
 */
final class PayloadCopier implements AutoCloseable {

    static final int BUFFER_SIZE = 1024 * 1024;
    private static final int BUFFERS = 4;
    private static final int DEFLATED_BUFFER_SIZE = 256 * 1024;
    private static final ByteBuffer END = ByteBuffer.allocate(0);

    /** What one payload became. */
    record Copied(long compressedSize, int crc, String sha256) {
    }

    private record Checksums(int crc, String sha256) {
    }

    private final BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(BUFFERS);
    private final ExecutorService hasher = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "sup-writer-hash");
        thread.setDaemon(true);
        return thread;
    });
    private final ByteBuffer deflated = ByteBuffer.allocateDirect(DEFLATED_BUFFER_SIZE);

    PayloadCopier() {
        for (int i = 0; i < BUFFERS; i++) {
            free.add(ByteBuffer.allocateDirect(BUFFER_SIZE));
        }
    }

    /**
     * Appends the entry data of {@code file} to {@code out}.
     *
     * @param size the size the file had when the archive was planned; a file that is now
     *             shorter or longer fails the copy
     */
    Copied copy(Path file, long size, int method, ZipOutput out, ProgressReporter reporter) throws IOException {
        BlockingQueue<ByteBuffer> toHash = new ArrayBlockingQueue<>(BUFFERS + 1);
        Future<Checksums> checksums = hasher.submit(() -> hash(toHash));
        Deflater deflater = method == ZipEntry.DEFLATED ? new Deflater(CompressionPolicy.LEVEL, true) : null;
        try (FileChannel in = FileChannel.open(file)) {
            long done = 0;
            while (done < size) {
                ByteBuffer buffer = nextFree(checksums);
                buffer.limit((int) Math.min(buffer.capacity(), size - done));
                fill(in, buffer, file, size);
                buffer.flip();
                if (deflater == null) {
                    out.write(buffer.duplicate());
                } else {
                    deflate(deflater, buffer.duplicate(), out);
                }
                int read = buffer.remaining();
                put(toHash, buffer);
                done += read;
                reporter.add(read);
            }
            if (in.read(ByteBuffer.allocate(1), size) > 0) {
                throw new IOException(file + ": grew while being archived (expected " + size + " bytes)");
            }
            long compressedSize = deflater == null ? size : finishDeflating(deflater, out);
            put(toHash, END);
            Checksums sums = await(checksums);
            return new Copied(compressedSize, sums.crc(), sums.sha256());
        } finally {
            checksums.cancel(true);
            if (deflater != null) {
                deflater.end();
            }
        }
    }

    private Checksums hash(BlockingQueue<ByteBuffer> toHash) throws InterruptedException {
        MessageDigest sha256 = Sha256.newDigest();
        CRC32 crc = new CRC32();
        for (ByteBuffer buffer = toHash.take(); buffer != END; buffer = toHash.take()) {
            crc.update(buffer.duplicate());
            sha256.update(buffer);
            buffer.clear();
            free.put(buffer);
        }
        return new Checksums((int) crc.getValue(), Sha256.hex(sha256.digest()));
    }

    private static void fill(FileChannel in, ByteBuffer buffer, Path file, long size) throws IOException {
        while (buffer.hasRemaining()) {
            if (in.read(buffer) < 0) {
                throw new IOException(file + ": shrank while being archived (expected " + size + " bytes)");
            }
        }
    }

    private void deflate(Deflater deflater, ByteBuffer input, ZipOutput out) throws IOException {
        deflater.setInput(input);
        while (!deflater.needsInput()) {
            drain(deflater, out);
        }
    }

    private long finishDeflating(Deflater deflater, ZipOutput out) throws IOException {
        deflater.finish();
        while (!deflater.finished()) {
            drain(deflater, out);
        }
        return deflater.getBytesWritten();
    }

    private void drain(Deflater deflater, ZipOutput out) throws IOException {
        deflated.clear();
        deflater.deflate(deflated);
        out.write(deflated.flip());
    }

    /** A free buffer; fails rather than waits forever if the hashing thread has stopped. */
    private ByteBuffer nextFree(Future<Checksums> checksums) throws IOException {
        try {
            while (true) {
                ByteBuffer buffer = free.poll(100, TimeUnit.MILLISECONDS);
                if (buffer != null) {
                    return buffer.clear();
                }
                if (checksums.isDone()) {
                    await(checksums);
                    throw new IllegalStateException("the hashing thread stopped early");
                }
            }
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    private static void put(BlockingQueue<ByteBuffer> queue, ByteBuffer buffer) throws IOException {
        try {
            queue.put(buffer);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    private static Checksums await(Future<Checksums> checksums) throws IOException {
        try {
            return checksums.get();
        } catch (InterruptedException e) {
            throw interrupted(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("hashing failed: " + e.getCause(), e.getCause());
        }
    }

    private static IOException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        InterruptedIOException interrupted = new InterruptedIOException("interrupted while writing the archive");
        interrupted.initCause(e);
        return interrupted;
    }

    @Override
    public void close() {
        hasher.shutdownNow();
    }
}
