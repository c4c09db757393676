package org.suptools.model.concurrent;

/** Waiting for the helper threads the readers, the installer and its tools start. */
public final class Threads {

    private Threads() {
    }

    /**
     * Waits until {@code thread} has ended, even when the calling thread is interrupted meanwhile:
     * a helper that still runs may still use what the caller is about to close or report. An
     * interrupt that came meanwhile is kept: the caller's interrupt flag is set again on return.
     */
    public static void awaitEnd(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
