package org.suptools.agent.update;

import java.util.concurrent.Semaphore;

/**
 * One install at a time within the agent: a campaign's install and a manual one from the
 * management endpoint take turns. A campaign install waits for a manual one to end (the installer
 * would refuse it as busy, and that refusal would go to the campaign); a manual one is refused at
 * once while another install runs, since a person is waiting for an answer. A permit, not a lock:
 * a manual run takes it on the thread that received the upload and gives it back on the one that
 * followed the installer.
 */
public final class InstallGate {

    private final Semaphore permit = new Semaphore(1);

    /** Waits for the gate; the caller must {@link #leave} it. */
    public void enter() throws InterruptedException {
        permit.acquire();
    }

    /** Takes the gate only when no install holds it; the caller must {@link #leave} it when this returns true. */
    public boolean tryEnter() {
        return permit.tryAcquire();
    }

    public void leave() {
        permit.release();
    }

    /** True while an install holds the gate. */
    public boolean busy() {
        return permit.availablePermits() == 0;
    }
}
