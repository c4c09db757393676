package org.suptools.installer.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.exec.ExecuteStreamHandler;

/**
 * Reads a process's standard output and error into an {@link OutputTail}, closes its standard
 * input at once, and, once the process has exited, reads the rest of the output for as long as it
 * keeps coming, giving up when the pipes stay quiet for the drain wait (or, with a background
 * process that never stops writing, after {@link #MAX_DRAIN_PERIODS} of them). A background
 * process that keeps the pipes open then costs one quiet period, while a busy machine that is
 * slow to read what an exited process left in the pipe loses nothing. (Commons Exec's {@code PumpStreamHandler}
 * waits per stream, each time with two seconds added.)
 */
final class TailStreamHandler implements ExecuteStreamHandler {

    private final OutputTail.LineStream stdout;
    private final OutputTail.LineStream stderr;
    /** The longest drain, in drain waits, however much a background process goes on writing. */
    static final int MAX_DRAIN_PERIODS = 20;

    private final Duration drainWait;
    private final List<Thread> pumps = new ArrayList<>(2);
    private volatile boolean incomplete;
    /** When a pump last read something, from {@link System#nanoTime()}. */
    private volatile long lastRead = System.nanoTime();

    TailStreamHandler(OutputTail tail, Duration drainWait) {
        this.stdout = tail.stream();
        this.stderr = tail.stream();
        this.drainWait = drainWait;
    }

    @Override
    public void setProcessInputStream(OutputStream processInput) throws IOException {
        processInput.close();
    }

    @Override
    public void setProcessOutputStream(InputStream processOutput) {
        pumps.add(pump(processOutput, stdout, "stdout"));
    }

    @Override
    public void setProcessErrorStream(InputStream processError) {
        pumps.add(pump(processError, stderr, "stderr"));
    }

    @Override
    public void start() {
        pumps.forEach(Thread::start);
    }

    /** Called by the executor after the process has exited. */
    @Override
    public void stop() {
        long exited = System.nanoTime();
        lastRead = exited;
        for (Thread pump : pumps) {
            try {
                while (pump.isAlive()) {
                    long now = System.nanoTime();
                    long quietFor = now - lastRead;
                    if (quietFor >= drainWait.toNanos() || now - exited >= MAX_DRAIN_PERIODS * drainWait.toNanos()) {
                        break;
                    }
                    pump.join(Math.max(1, (drainWait.toNanos() - quietFor) / 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (pump.isAlive()) {
                // Blocked on a pipe that a background process still holds; it ends when that process does.
                incomplete = true;
            }
        }
    }

    /** Hands on the last lines that had no newline. */
    void finish() {
        stdout.finish();
        stderr.finish();
    }

    /** True when the output was still open after the drain wait: some of it may be missing. */
    boolean incomplete() {
        return incomplete;
    }

    private Thread pump(InputStream in, OutputStream out, String name) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (in) {
                for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                    lastRead = System.nanoTime();
                    out.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // The stream was closed under us: the run is over, what was read is kept.
            }
        }, "sup-process-" + name);
        thread.setDaemon(true);
        return thread;
    }
}
