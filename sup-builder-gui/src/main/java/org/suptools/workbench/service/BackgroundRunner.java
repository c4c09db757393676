package org.suptools.workbench.service;

import java.util.function.Consumer;
import java.util.function.DoubleConsumer;

/**
 * Runs long work off the UI thread and hands its progress and outcome back on the UI thread. The
 * application runs it in a {@code javafx.concurrent.Task}; view-model tests run it in place.
 */
public interface BackgroundRunner {

    <T> Job run(Work<T> work, Callbacks<T> callbacks);

    /** Work done in the background; {@link Progress} reports back to the UI thread. */
    @FunctionalInterface
    interface Work<T> {
        T call(Progress progress) throws Exception;
    }

    /** What background work may tell the UI while it runs. */
    interface Progress {
        /** How far the work has come, 0 to 1. */
        void fraction(double done);

        /** Runs a piece of code on the UI thread, in order with the other reports. */
        void post(Runnable onUiThread);

        boolean isCancelled();
    }

    /** Where the outcome goes; each callback runs on the UI thread. */
    record Callbacks<T>(Consumer<T> succeeded, Consumer<Throwable> failed, DoubleConsumer progress) {

        public static <T> Callbacks<T> of(Consumer<T> succeeded, Consumer<Throwable> failed) {
            return new Callbacks<>(succeeded, failed, fraction -> { });
        }
    }

    /** Work that has been started. */
    interface Job {
        /** Asks the work to stop; it sees {@link Progress#isCancelled()} and is interrupted. */
        void cancel();
    }

    /** Runs everything at once on the calling thread: for tests. */
    BackgroundRunner IN_PLACE = new BackgroundRunner() {
        @Override
        public <T> Job run(Work<T> work, Callbacks<T> callbacks) {
            boolean[] cancelled = {false};
            Progress progress = new Progress() {
                @Override
                public void fraction(double done) {
                    callbacks.progress().accept(done);
                }

                @Override
                public void post(Runnable onUiThread) {
                    onUiThread.run();
                }

                @Override
                public boolean isCancelled() {
                    return cancelled[0];
                }
            };
            T result;
            try {
                result = work.call(progress);
            } catch (Exception | Error e) {
                callbacks.failed().accept(e);
                return () -> cancelled[0] = true;
            }
            callbacks.succeeded().accept(result);
            return () -> cancelled[0] = true;
        }
    };
}
