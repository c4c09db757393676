package org.suptools.model.archive;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.suptools.model.concurrent.Threads;
import org.suptools.model.files.ChannelIo;

/**
 * Reads a file from its first byte to its last on a thread of its own, a few buffers ahead of
 * the caller, and optionally computes the whole file's SHA-256 there. The caller's thread is left
 * with the work on each payload (its own SHA-256, and writing it where it is staged): SHA-256 is
 * sequential, so the two digests of every payload byte that an install needs (the payload's and
 * the file's) cost the wall time of one only when they run on two threads, and a verification
 * (one digest) no longer waits for each read.
 *
 * <p>Memory is fixed whatever the file's size: a ring of {@value #SLOTS} direct buffers of
 * {@link Sha256#BUFFER_SIZE} bytes allocated once and passed between the two threads, no
 * allocation per chunk. They are direct so that no byte is copied on its way through: the file is
 * read straight into them (a heap buffer costs the JDK's copy out of its own direct buffer), and
 * {@link #readChunk} lends the caller a view of the ring itself, which it can hash and write to
 * another channel as it is (a heap buffer costs another copy into a direct one). {@link #read}
 * copies out of the ring into the caller's array instead. Together this took about 0.2 s of CPU
 * and 0.1 s of wall time off passing 1 GiB through both digests and a write (docs/performance.md).
 * Used by one caller thread at a time.
 */
final class FileReadAhead implements AutoCloseable {

    /**
     * Enough buffers that neither thread waits for the other when one of them is held up for a
     * few milliseconds (a write the kernel makes wait, a compiler thread on its core): 4 MiB in
     * all. With four, a 1 GiB install's two threads each waited about 0.3 s for the other, and the
     * install took 0.12 s longer (docs/performance.md); with 8 or 32 it took as long as with 16.
     */
    static final int SLOTS = 16;

    /** The thread's own stack: a loop around a read and a digest, nothing deep. */
    private static final long STACK_BYTES = 256 * 1024;

    /** How often a wait for the reading thread checks that it still runs. */
    private static final long WAIT_MILLIS = 200;

    private final String file;
    private final FileChannel channel;
    private final MessageDigest fileDigest;
    private final BlockingQueue<Slot> free = new ArrayBlockingQueue<>(SLOTS);
    private final BlockingQueue<Slot> full = new ArrayBlockingQueue<>(SLOTS + 1);
    private final Thread thread;
    private Slot current;
    private boolean ended;

    private FileReadAhead(String file, FileChannel channel, boolean hashFile) {
        this.file = file;
        this.channel = channel;
        this.fileDigest = hashFile ? Sha256.newDigest() : null;
        for (int i = 0; i < SLOTS; i++) {
            free.add(new Slot(ByteBuffer.allocateDirect(Sha256.BUFFER_SIZE)));
        }
        thread = new Thread(null, this::readToTheEnd, "sup-read-ahead", STACK_BYTES);
        thread.setDaemon(true);
    }

    /**
     * Starts reading {@code channel} from its current position to its end; {@code hashFile} also
     * hashes every byte read. The channel stays the caller's to close, after {@link #close}.
     *
     * @param file the file's name, for messages
     */
    static FileReadAhead start(String file, FileChannel channel, boolean hashFile) {
        FileReadAhead readAhead = new FileReadAhead(Objects.requireNonNull(file, "file"),
                Objects.requireNonNull(channel, "channel"), hashFile);
        readAhead.thread.start();
        return readAhead;
    }

    /** Up to {@code length} of the next bytes of the file into {@code buffer}; -1 at its end. */
    int read(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
            return 0;
        }
        ByteBuffer chunk = readChunk(length);
        if (chunk == null) {
            return -1;
        }
        int n = chunk.remaining();
        chunk.get(buffer, offset, n);
        return n;
    }

    /**
     * Up to {@code maxLength} (at least 1) of the next bytes of the file, as a read-only view of the
     * ring's buffer that holds them, or null at the end of the file. The view is the caller's until
     * its next call of this method or {@link #read}, which hand its buffer back to the reading
     * thread.
     */
    ByteBuffer readChunk(int maxLength) throws IOException {
        if (maxLength < 1) {
            throw new IllegalArgumentException("a chunk of " + maxLength + " bytes");
        }
        while (current == null || current.taken == current.length) {
            if (ended) {
                return null;
            }
            if (current != null) {
                current.clear();
                free.add(current);
            }
            current = next();
            if (current.isEnd()) {
                ended = true;
                current = null;
                return null;
            }
        }
        int n = Math.min(maxLength, current.length - current.taken);
        ByteBuffer chunk = current.buffer.asReadOnlyBuffer().limit(current.taken + n).position(current.taken);
        current.taken += n;
        return chunk;
    }

    /**
     * The SHA-256 of every byte of the file, in lowercase hex, once {@link #read} has returned -1.
     *
     * @throws IllegalStateException if the file was not hashed or not read to its end
     */
    String fileSha256() throws IOException {
        if (fileDigest == null || !ended) {
            throw new IllegalStateException("the file was " + (fileDigest == null ? "not hashed" : "not read to its end"));
        }
        join();
        return Sha256.hex(fileDigest.digest());
    }

    /** Stops the reading thread (at once if the file was not read to its end) and waits for it. */
    @Override
    public void close() {
        if (!ended) {
            thread.interrupt();
        }
        Threads.awaitEnd(thread);
    }

    private void readToTheEnd() {
        try {
            while (true) {
                Slot slot = free.take();
                boolean atEnd = fill(slot);
                if (slot.length > 0) {
                    if (fileDigest != null) {
                        fileDigest.update(slot.buffer.duplicate().flip());
                    }
                    full.put(slot);
                } else {
                    free.put(slot);
                }
                if (atEnd) {
                    full.put(Slot.END);
                    return;
                }
            }
        } catch (InterruptedException e) {
            // close() before the end: the caller stopped reading and wants nothing more.
        } catch (IOException | RuntimeException | Error e) {
            full.offer(Slot.failed(e));
        }
    }

    /** Fills the slot from the channel, in {@link ChannelIo#STEP}-byte reads; true at the end of the file. */
    private boolean fill(Slot slot) throws IOException, InterruptedException {
        ByteBuffer into = slot.buffer.clear();
        while (into.hasRemaining()) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (ChannelIo.read(channel, into) < 0) {
                slot.length = into.position();
                return true;
            }
        }
        slot.length = into.position();
        return false;
    }

    /** The next slot the reading thread filled (or its end, or its failure); waits, but not for a thread that has ended. */
    private Slot next() throws IOException {
        try {
            while (true) {
                Slot slot = full.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
                if (slot != null) {
                    if (slot.failure != null) {
                        ended = true;
                        throw slot.failure instanceof IOException io
                                ? new IOException(file + ": cannot be read: " + io.getMessage(), io)
                                : new IOException(file + ": the thread reading it failed", slot.failure);
                    }
                    return slot;
                }
                if (!thread.isAlive() && full.isEmpty()) {
                    ended = true;
                    throw new IOException(file + ": the thread reading it ended early");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(file + ": interrupted while it was read");
        }
    }

    private void join() throws IOException {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(file + ": interrupted while its SHA-256 was finished");
        }
    }

    /** One reusable buffer: how much of it holds file bytes, and how many the caller has taken. */
    private static final class Slot {

        /** Marks the end of the file; holds nothing. */
        static final Slot END = new Slot(ByteBuffer.allocate(0));

        /** Holds the file's bytes from 0 to {@link #length}; its position and limit are the reading thread's. */
        final ByteBuffer buffer;
        final Throwable failure;
        int length;
        int taken;

        Slot(ByteBuffer buffer) {
            this(buffer, null);
        }

        private Slot(ByteBuffer buffer, Throwable failure) {
            this.buffer = buffer;
            this.failure = failure;
        }

        static Slot failed(Throwable failure) {
            return new Slot(ByteBuffer.allocate(0), failure);
        }

        boolean isEnd() {
            return this == END;
        }

        void clear() {
            length = 0;
            taken = 0;
        }
    }
}
