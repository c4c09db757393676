package org.suptools.model.archive;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
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
import org.suptools.model.files.ChannelIo;

/**
 * Copies payload files into an archive, STORED or DEFLATED, reading each byte once: the
 * calling thread reads a file into a few direct buffers, computes the CRC-32 of each and writes
 * (or deflates) it, while a second thread computes the SHA-256 of the same buffers. SHA-256 is
 * by far the slowest part of building a stored package, so it has a thread to itself and
 * overlaps all I/O; the CRC, which is an order of magnitude cheaper, goes with the I/O, which
 * would otherwise wait for the hashing. The chunk digests of a {@link ChunkIndex}, when asked
 * for, go with the I/O too: a second SHA-256 of the same bytes, which then keeps both threads
 * about equally busy. Direct buffers spare the copies the JDK makes for heap arrays.
 *
 * <p>One copier serves one archive, one payload at a time; {@link #close} stops its thread.
 */
final class PayloadCopier implements AutoCloseable {

    static final int BUFFER_SIZE = 256 * 1024;
    private static final int BUFFERS = 4;
    private static final int DEFLATED_BUFFER_SIZE = 256 * 1024;
    private static final ByteBuffer END = ByteBuffer.allocate(0);

    /** What one payload became; {@code chunkSha256} is empty unless its chunks were asked for. */
    record Copied(long compressedSize, int crc, String sha256, List<String> chunkSha256) {
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
     * @param size    the size the file had when the archive was planned; a file that is now
     *                shorter or longer fails the copy
     * @param chunked also hash each {@link ChunkIndex#CHUNK_SIZE} bytes, for its {@link ChunkIndex}
     */
    Copied copy(Path file, long size, int method, boolean chunked, ZipOutput out, ProgressReporter reporter)
            throws IOException {
        BlockingQueue<ByteBuffer> toHash = new ArrayBlockingQueue<>(BUFFERS + 1);
        Future<String> sha256 = hasher.submit(() -> hash(toHash));
        CRC32 crc = new CRC32();
        ChunkHasher chunks = chunked ? new ChunkHasher(ChunkIndex.CHUNK_SIZE) : null;
        Deflater deflater = method == ZipEntry.DEFLATED ? new Deflater(CompressionPolicy.LEVEL, true) : null;
        try (FileChannel in = FileChannel.open(file)) {
            long done = 0;
            while (done < size) {
                ByteBuffer buffer = nextFree(sha256);
                buffer.limit((int) Math.min(buffer.capacity(), size - done));
                fill(in, buffer, file, size);
                buffer.flip();
                crc.update(buffer.duplicate());
                if (chunks != null) {
                    chunks.update(buffer.duplicate());
                }
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
            return new Copied(compressedSize, (int) crc.getValue(), await(sha256),
                    chunks == null ? List.of() : chunks.finish());
        } finally {
            sha256.cancel(true);
            if (deflater != null) {
                deflater.end();
            }
        }
    }

    private String hash(BlockingQueue<ByteBuffer> toHash) throws InterruptedException {
        MessageDigest sha256 = Sha256.newDigest();
        for (ByteBuffer buffer = toHash.take(); buffer != END; buffer = toHash.take()) {
            sha256.update(buffer);
            free.put(buffer);
        }
        return Sha256.hex(sha256.digest());
    }

    private static void fill(FileChannel in, ByteBuffer buffer, Path file, long size) throws IOException {
        while (buffer.hasRemaining()) {
            if (ChannelIo.read(in, buffer) < 0) {
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
    private ByteBuffer nextFree(Future<String> sha256) throws IOException {
        try {
            while (true) {
                ByteBuffer buffer = free.poll(100, TimeUnit.MILLISECONDS);
                if (buffer != null) {
                    return buffer.clear();
                }
                if (sha256.isDone()) {
                    await(sha256);
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

    private static String await(Future<String> sha256) throws IOException {
        try {
            return sha256.get();
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
