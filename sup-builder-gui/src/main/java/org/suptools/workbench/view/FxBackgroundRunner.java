package org.suptools.workbench.view;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.concurrent.Task;
import org.suptools.workbench.service.BackgroundRunner;

/** Runs work in a {@link Task} on a daemon thread; progress and outcome come back on the FX thread. */
public final class FxBackgroundRunner implements BackgroundRunner {

    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "workbench-background");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public <T> Job run(Work<T> work, Callbacks<T> callbacks) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                Task<T> self = this;
                return work.call(new Progress() {
                    @Override
                    public void fraction(double done) {
                        updateProgress(done, 1.0);
                    }

                    @Override
                    public void post(Runnable onUiThread) {
                        Platform.runLater(onUiThread);
                    }

                    @Override
                    public boolean isCancelled() {
                        return self.isCancelled();
                    }
                });
            }
        };
        task.progressProperty().addListener((obs, old, now) -> callbacks.progress().accept(Math.max(0, now.doubleValue())));
        // Posted updates run before the outcome: runLater keeps their order.
        task.setOnSucceeded(e -> callbacks.succeeded().accept(task.getValue()));
        task.setOnFailed(e -> callbacks.failed().accept(task.getException()));
        executor.execute(task);
        return () -> task.cancel(true);
    }
}
