package org.suptools.fleetsim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fleet's results as they come in: one per mailbox message, each with how long the gateway took
 * from reading the message to the portal's reply to its ack. A message reported twice is counted
 * as a duplicate, never as a second completion: the benchmark checks that each member is acked once.
 */
public final class Tally {

    private final int expected;
    private final CountDownLatch done;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger succeeded = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final Set<String> problems = ConcurrentHashMap.newKeySet();

    /** @param expected how many mailbox messages make the run complete */
    public Tally(int expected) {
        if (expected < 1) {
            throw new IllegalArgumentException("expected: at least 1 result, was " + expected);
        }
        this.expected = expected;
        this.done = new CountDownLatch(expected);
    }

    /**
     * One mailbox message's ack was taken by the portal.
     *
     * @param problem empty for a success, else the failure's message (a few distinct ones are kept)
     */
    public void reported(String mailboxId, boolean success, String problem, Duration took) {
        if (!reported.add(mailboxId)) {
            duplicates.incrementAndGet();
            return;
        }
        (success ? succeeded : failed).incrementAndGet();
        if (!success && problems.size() < 10) {
            problems.add(problem);
        }
        nanos.add(took.toNanos());
        done.countDown();
    }

    /** Waits until every expected message is reported; false when the timeout passed first. */
    public boolean await(Duration timeout) throws InterruptedException {
        return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public int expected() {
        return expected;
    }

    public int succeeded() {
        return succeeded.get();
    }

    public int failed() {
        return failed.get();
    }

    public int duplicates() {
        return duplicates.get();
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    /**
     * The {@code p}-th percentile (0 to 100, nearest rank) of the per-message times so far, in
     * milliseconds; 0 when nothing was reported.
     */
    public double percentileMillis(double p) {
        if (p < 0 || p > 100) {
            throw new IllegalArgumentException("p: 0 to 100, was " + p);
        }
        List<Long> sorted;
        synchronized (nanos) {
            sorted = new ArrayList<>(nanos);
        }
        if (sorted.isEmpty()) {
            return 0;
        }
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1) / 1e6;
    }
}
