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
 * input at once, and, once the process has exited, waits at most a fixed time in all for the rest
 * of the output. (Commons Exec's {@code PumpStreamHandler} waits per stream, each time with two
 * seconds added, so a background process that keeps the pipes open costs several seconds.)
 */
final class TailStreamHandler implements ExecuteStreamHandler {

    private final OutputTail.LineStream stdout;
    private final OutputTail.LineStream stderr;
    private final Duration drainWait;
    private final List<Thread> pumps = new ArrayList<>(2);
    private volatile boolean incomplete;

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
        long deadline = System.nanoTime() + drainWait.toNanos();
        for (Thread pump : pumps) {
            long millis = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            try {
                pump.join(millis);
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

    private static Thread pump(InputStream in, OutputStream out, String name) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (in) {
                for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
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
