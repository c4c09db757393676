package org.suptools.installer.process;

import java.time.Duration;
import java.util.List;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.Watchdog;

/**
 * Commons Exec's watchdog, extended to kill the whole process tree. Killing only the process it
 * started leaves that process's children running ({@code sh -c 'sleep 1000; ...'} leaves the
 * sleep), and a child that holds the output pipe open keeps the run from ever finishing. Also
 * kills on {@link #cancel()}, for an interrupted run, even if the process had not started yet.
 */
final class TreeKillingWatchdog extends ExecuteWatchdog {

    private Process process;
    private boolean timedOut;
    private boolean cancelled;

    @SuppressWarnings("deprecation") // the builder cannot make a subclass; this constructor is the only way to one
    TreeKillingWatchdog(Duration timeout) {
        super(timeout.toMillis());
    }

    @Override
    public synchronized void start(Process started) {
        this.process = started;
        super.start(started);
        if (cancelled) {
            destroyTree(started);
        }
    }

    @Override
    public synchronized void timeoutOccured(Watchdog watchdog) {
        if (process != null && process.isAlive()) {
            timedOut = true;
            destroyTree(process);
        }
        super.timeoutOccured(watchdog);
    }

    /** Kills the process and its descendants now, or as soon as it starts. */
    synchronized void cancel() {
        cancelled = true;
        if (process != null) {
            destroyTree(process);
        }
    }

    synchronized boolean timedOut() {
        return timedOut;
    }

    /** The process, once started; {@code null} if it never started. */
    synchronized Process process() {
        return process;
    }

    /**
     * Kills the process and every descendant it has at this moment. The process goes first, so that
     * a script does not carry on with its next command when its child dies; its descendants are
     * found before that, while they are still its descendants (once it dies they are re-parented),
     * and killed by handle, which stays valid after re-parenting and never hits a recycled pid.
     */
    static void destroyTree(Process process) {
        List<ProcessHandle> descendants = process.toHandle().descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }
}
