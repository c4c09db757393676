package org.suptools.installer.fs;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Copies a stream into a file channel with the reading on a second thread, so that what the
 * stream does as it is read (a payload stream hashes every byte and checks it against the signed
 * manifest) overlaps with the writing instead of alternating with it. A few large buffers go
 * round between the two threads; memory stays {@value #BUFFERS} x {@value #BUFFER} bytes whatever
 * the size copied. A stream that fits in one buffer is copied on the calling thread alone.
 *
 * <p>The stream is read only by the reading thread while the copy runs, and that thread has
 * ended when {@link #copy} returns or throws, so the caller may close the stream afterwards. An
 * error of the stream (such as a hash mismatch at its end) is thrown by {@link #copy} as it was
 * thrown, after the bytes read before it were written, as with a plain copy loop.
 */
final class PipelinedCopy {

    static final int BUFFER = 1024 * 1024;
    static final int BUFFERS = 3;

    private PipelinedCopy() {
    }

    /** A filled buffer, the end of the stream, or the stream's failure. */
    private record Chunk(byte[] bytes, int length, Throwable failure) {
        static final Chunk END = new Chunk(null, -1, null);
    }

    /**
     * @param deadline checked after each buffer is written
     * @return the number of bytes written
     */
    static long copy(InputStream in, FileChannel out, Deadline deadline) throws IOException {
        byte[] first = new byte[BUFFER];
        int length = readFully(in, first);
        if (length < BUFFER) {
            // Fits in one buffer: nothing to overlap.
            if (length > 0) {
                write(out, first, length, deadline);
            }
            return Math.max(length, 0);
        }
        BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
        BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(BUFFERS + 1);
        for (int i = 1; i < BUFFERS; i++) {
            free.add(new byte[BUFFER]);
        }
        Thread reader = new Thread(() -> read(in, free, full), "sup-copy-reader");
        reader.setDaemon(true);
        reader.start();
        long total = 0;
        boolean finished = false;
        try {
            write(out, first, length, deadline);
            total += length;
            free.add(first);
            while (true) {
                Chunk chunk = full.take();
                if (chunk.failure() != null) {
                    finished = true;
                    throw rethrow(chunk.failure());
                }
                if (chunk == Chunk.END) {
                    finished = true;
                    return total;
                }
                write(out, chunk.bytes(), chunk.length(), deadline);
                total += chunk.length();
                free.add(chunk.bytes());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while copying");
        } finally {
            if (!finished) {
                reader.interrupt();
            }
            joinQuietly(reader);
        }
    }

    /** The reading thread: fills free buffers until the end of the stream or a failure. */
    private static void read(InputStream in, BlockingQueue<byte[]> free, BlockingQueue<Chunk> full) {
        try {
            while (true) {
                byte[] buffer = free.take();
                int n = readFully(in, buffer);
                if (n > 0) {
                    full.put(new Chunk(buffer, n, null));
                }
                if (n < BUFFER) {
                    full.put(Chunk.END);
                    return;
                }
            }
        } catch (InterruptedException e) {
            // The writer gave up (deadline, write error): stop.
        } catch (Throwable t) {
            // The writer is waiting on the queue, which has room (it holds at most BUFFERS chunks).
            full.offer(new Chunk(null, 0, t));
        }
    }

    /** Reads until the buffer is full or the stream ends; returns the bytes read (-1: none, at the end). */
    private static int readFully(InputStream in, byte[] buffer) throws IOException {
        int filled = 0;
        while (filled < buffer.length) {
            int n = in.read(buffer, filled, buffer.length - filled);
            if (n < 0) {
                return filled == 0 ? -1 : filled;
            }
            filled += n;
        }
        return filled;
    }

    private static void write(FileChannel out, byte[] bytes, int length, Deadline deadline) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, length);
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
        deadline.check();
        TestPause.copied(length);
    }

    private static IOException rethrow(Throwable failure) {
        if (failure instanceof IOException io) {
            return io;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new IOException(failure);
    }

    private static void joinQuietly(Thread reader) {
        boolean interrupted = false;
        while (true) {
            try {
                reader.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
                reader.interrupt();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
