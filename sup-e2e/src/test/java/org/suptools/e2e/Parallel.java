package org.suptools.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs one launcher call per item, a few at a time. A launcher call is mostly a JVM starting and
 * then waiting on files, sockets or a child process, which leaves a core idle part of the time; a
 * few calls at once fill that time on a 2-core machine, more only queue for the cores.
 */
final class Parallel {

    /** Calls at once; the thing-add commands of a portal, the sandboxes and agents of a fleet. */
    static final int WIDTH = 4;

    /** One step for one item; may fail. */
    @FunctionalInterface
    interface Step<T> {
        void run(T item) throws Exception;
    }

    private Parallel() {
    }

    /** Runs the step for every item; every step runs even when one fails, then the first failure is thrown. */
    static <T> void each(List<T> items, Step<T> step) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(WIDTH, items.size())));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> {
                    step.run(item);
                    return null;
                }));
            }
            Throwable first = null;
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause();
                    }
                }
            }
            if (first instanceof Exception exception) {
                throw exception;
            }
            if (first instanceof Error error) {
                throw error;
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
