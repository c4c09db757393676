package org.suptools.installer.fs;

import java.io.IOException;
import java.time.Duration;

/** The time by which a piece of work must be done; long copies check it between buffers. */
public final class Deadline {

    /** A deadline that never passes. */
    public static final Deadline NONE = new Deadline(Long.MAX_VALUE, Duration.ZERO);

    private static final Duration FOREVER = Duration.ofDays(3650);

    private final long endNanos;
    private final Duration duration;

    private Deadline(long endNanos, Duration duration) {
        this.endNanos = endNanos;
        this.duration = duration;
    }

    public static Deadline after(Duration duration) {
        long now = System.nanoTime();
        long nanos = duration.toNanos();
        return new Deadline(nanos > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + nanos, duration);
    }

    public Duration remaining() {
        if (endNanos == Long.MAX_VALUE) {
            return FOREVER;
        }
        return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
    }

    public boolean passed() {
        return endNanos != Long.MAX_VALUE && System.nanoTime() - endNanos > 0;
    }

    /** @throws TimeoutExceededException once the deadline has passed */
    public void check() throws TimeoutExceededException {
        if (passed()) {
            throw new TimeoutExceededException("timed out after " + describe(duration));
        }
    }

    /** A duration the way timeouts are written: {@code 500ms}, {@code 30s}, {@code 5m}. */
    public static String describe(Duration duration) {
        return duration.isZero() || duration.isNegative() ? "0s" : org.suptools.model.action.Timeout.describe(duration);
    }

    /** The deadline passed while the work went on. */
    public static final class TimeoutExceededException extends IOException {
        public TimeoutExceededException(String message) {
            super(message);
        }
    }
}
