package org.suptools.model.archive;

import java.util.Objects;

/** Counts bytes and passes the count on to a {@link ProgressListener} at most once per MiB. */
final class ProgressReporter {

    static final long STEP = 1024 * 1024;

    private final ProgressListener listener;
    private final long total;
    private long done;
    private long lastReported;
    private boolean reported;

    ProgressReporter(ProgressListener listener, long total) {
        this.listener = Objects.requireNonNull(listener, "progress");
        this.total = total;
    }

    void add(long bytes) {
        done += bytes;
        if (done - lastReported >= STEP) {
            report();
        }
    }

    /** Reports the final count, unless exactly that count was the last one reported. */
    void finish() {
        if (!reported || done != lastReported) {
            report();
        }
    }

    private void report() {
        reported = true;
        lastReported = done;
        listener.progress(done, total);
    }
}
