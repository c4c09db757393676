package org.suptools.cli.output;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar redrawn in place with a carriage return:
 * {@code verifying [#########           ]  45%   12.3/27.0 MB   5.2 MB/s}. Redraws at most ten
 * times a second, however often it is told; {@link #close} draws the final state and ends the line.
 */
final class ProgressBar implements Progress {

    static final long REDRAW_INTERVAL_NANOS = 100_000_000L;
    private static final int WIDTH = 24;
    private static final double MB = 1_000_000d;

    private final PrintWriter err;
    private final String label;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private long lastDrawNanos;
    private boolean drawn;
    private long done;
    private long total;

    ProgressBar(PrintWriter err, String label, LongSupplier nanoClock) {
        this.err = err;
        this.label = label;
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
    }

    @Override
    public void progress(long bytesDone, long bytesTotal) {
        done = bytesDone;
        total = bytesTotal;
        long now = nanoClock.getAsLong();
        if (!drawn || now - lastDrawNanos >= REDRAW_INTERVAL_NANOS) {
            draw(now);
        }
    }

    @Override
    public void close() {
        if (drawn) {
            draw(nanoClock.getAsLong());
            err.println();
            err.flush();
        }
    }

    private void draw(long now) {
        drawn = true;
        lastDrawNanos = now;
        err.print('\r');
        err.print(line(now));
        err.flush();
    }

    String line(long now) {
        double fraction = total <= 0 ? 1 : Math.min(1, (double) done / total);
        int filled = (int) Math.round(fraction * WIDTH);
        double seconds = (now - startNanos) / 1e9;
        String rate = seconds <= 0 ? "" : String.format(Locale.ROOT, "  %6.1f MB/s", done / MB / seconds);
        return String.format(Locale.ROOT, "%s [%s%s] %3d%%  %7.1f/%.1f MB%s", label, "#".repeat(filled),
                " ".repeat(WIDTH - filled), Math.round(fraction * 100), done / MB, total / MB, rate);
    }
}
