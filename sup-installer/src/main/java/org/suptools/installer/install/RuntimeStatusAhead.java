package org.suptools.installer.install;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.suptools.installer.runtime.RuntimeControl;
import org.suptools.model.concurrent.Threads;

/**
 * Whether the runtime runs, asked on a thread of its own while the package's payloads are read:
 * the status command is a process (40 to 70 ms for the sample runtime's script), which an install
 * used to wait for after the read. It is asked once the signatures are checked, when nothing has
 * changed yet, so the answer is still the state before the install that the journal records.
 *
 * <p>An install that ends without the answer (a refused package) closes it: a status command that
 * still runs is killed, as an interrupted command always is.
 */
final class RuntimeStatusAhead implements AutoCloseable {

    /** The thread's own stack: it waits for one process. */
    private static final long STACK_BYTES = 256 * 1024;

    private final FutureTask<Boolean> answer;
    private final Thread thread;

    private RuntimeStatusAhead(RuntimeControl runtime) {
        answer = new FutureTask<>(runtime::isRunning);
        thread = new Thread(null, answer, "sup-runtime-status", STACK_BYTES);
        thread.setDaemon(true);
    }

    /** Starts asking {@code runtime} whether it runs. */
    static RuntimeStatusAhead ask(RuntimeControl runtime) {
        RuntimeStatusAhead ahead = new RuntimeStatusAhead(runtime);
        ahead.thread.start();
        return ahead;
    }

    /**
     * The answer, once there is one.
     *
     * @throws IOException what asking threw (the status command could not be run)
     */
    boolean isRunning() throws IOException {
        try {
            return answer.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException("asking the runtime for its status failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the runtime was asked for its status");
        }
    }

    /** Kills a status command that still runs, and waits for the thread to end. */
    @Override
    public void close() {
        if (!answer.isDone()) {
            thread.interrupt();
        }
        Threads.awaitEnd(thread);
    }
}
