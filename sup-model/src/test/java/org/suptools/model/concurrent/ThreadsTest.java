package org.suptools.model.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Waiting for a helper thread outlasts an interrupt, and keeps it. */
class ThreadsTest {

    @Test
    void anInterruptedWait_stillWaitsForTheEnd_andKeepsTheInterrupt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Thread helper = new Thread(() -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        helper.start();
        Thread waiter = Thread.currentThread();
        Thread interrupter = new Thread(() -> {
            waiter.interrupt();
            release.countDown();
        });
        interrupter.start();

        Threads.awaitEnd(helper);

        assertThat(helper.isAlive()).isFalse();
        assertThat(Thread.interrupted()).as("the interrupt is kept").isTrue();
        interrupter.join();
    }
}
