package org.suptools.installer.install;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.suptools.model.concurrent.Threads;

/**
 * Forces a file that is being written to the disk now and then, on a thread of its own, so that
 * the disk writes a staged payload while the rest of it is still read and hashed, and the force
 * that makes it durable at its end waits for the last few MiB instead of the whole payload.
 * Without it the kernel starts writing back only once a tenth of the memory is dirty, so a
 * payload of 1 GiB would be written to the disk in one wait after it has been read.
 *
 * <p>Only an early start: the writer still forces the file itself at its end, and a failed early
 * force is reported by {@link #finish} (a failed {@code fsync} can clear the kernel's error
 * state, so a later force might not see it). The thread is never interrupted: an interrupt closes
 * a {@link FileChannel}.
 */
final class EarlyWriteback implements AutoCloseable {

    /** How much is written between two early forces. */
    static final long EVERY_BYTES = 32L * 1024 * 1024;

    /** The thread's own stack: a loop around {@code force}, nothing deep. */
    private static final long STACK_BYTES = 256 * 1024;

    private final FileChannel channel;
    /** Wakes the thread: a force asked for, or the end. */
    private final Semaphore asked = new Semaphore(0);
    private final AtomicBoolean forceAsked = new AtomicBoolean();
    private final Thread thread;
    private volatile boolean closing;
    private volatile IOException failure;
    private long sinceLastAsked;

    private EarlyWriteback(FileChannel channel) {
        this.channel = channel;
        thread = new Thread(null, this::forceWhenAsked, "sup-staging-writeback", STACK_BYTES);
        thread.setDaemon(true);
    }

    /** Starts forcing {@code channel} now and then while it is written; the caller still closes it. */
    static EarlyWriteback start(FileChannel channel) {
        EarlyWriteback writeback = new EarlyWriteback(channel);
        writeback.thread.start();
        return writeback;
    }

    /** Counts bytes written; asks for a force every {@link #EVERY_BYTES}, unless one is still asked for. */
    void written(long bytes) {
        sinceLastAsked += bytes;
        if (sinceLastAsked >= EVERY_BYTES) {
            sinceLastAsked = 0;
            if (!forceAsked.getAndSet(true)) {
                asked.release();
            }
        }
    }

    /**
     * Waits for the thread to end, then reports the first early force that failed.
     *
     * @throws IOException what that force threw
     */
    void finish() throws IOException {
        close();
        if (failure != null) {
            throw new IOException("forcing the staged file to the disk failed: " + failure.getMessage(), failure);
        }
    }

    /** Ends the thread (after the force under way or asked for) and waits for it. */
    @Override
    public void close() {
        closing = true;
        asked.release();
        Threads.awaitEnd(thread);
    }

    private void forceWhenAsked() {
        try {
            while (true) {
                asked.acquire();
                if (forceAsked.getAndSet(false)) {
                    channel.force(false);
                }
                if (closing) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // Nobody interrupts this thread; if the JVM does, the writer's own force still runs.
        } catch (IOException e) {
            failure = e;
        }
    }
}
