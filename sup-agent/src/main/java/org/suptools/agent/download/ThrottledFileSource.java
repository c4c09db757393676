package org.suptools.agent.download;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.suptools.agent.config.Throttle;

/**
 * A file source whose bodies are read slowly, as the config's {@code throttle} says: at most 4 KiB
 * per read, then a pause, either the fixed one or the one that keeps the bytes read so far under
 * the rate since the body was opened. The pause goes through a {@link Sleeper} and the time through
 * a tick source, so a test measures the rate without waiting for it.
 */
public final class ThrottledFileSource implements FileSource {

    private final FileSource source;
    private final Throttle throttle;
    private final Sleeper sleeper;
    private final LongSupplier nanoTime;

    /**
     * @param nanoTime the time the rate is held against, in nanoseconds ({@code System::nanoTime})
     */
    public ThrottledFileSource(FileSource source, Throttle throttle, Sleeper sleeper, LongSupplier nanoTime) {
        this.source = source;
        this.throttle = throttle;
        this.sleeper = sleeper;
        this.nanoTime = nanoTime;
    }

    /** The source itself when there is no throttle. */
    public static FileSource of(FileSource source, Throttle throttle) {
        return throttle.none() ? source : new ThrottledFileSource(source, throttle, Sleeper.REAL, System::nanoTime);
    }

    @Override
    public Fetch open(String fileId, long offset, Optional<String> ifRange) throws IOException {
        Fetch fetch = source.open(fileId, offset, ifRange);
        return new Fetch(fetch.status(), fetch.start(), fetch.total(), fetch.tag(), new Slow(fetch.body()));
    }

    private final class Slow extends FilterInputStream {
        private final long started = nanoTime.getAsLong();
        private long read;

        Slow(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, Math.min(length, Throttle.CHUNK));
            if (n > 0) {
                read += n;
                pause(n);
            }
            return n;
        }

        private void pause(int n) throws IOException {
            Duration wait;
            if (throttle.pausePerChunk().isPresent()) {
                // A short read pauses for its share, so many small reads are not slowed more than full ones.
                wait = throttle.pausePerChunk().get().multipliedBy(n).dividedBy(Throttle.CHUNK);
            } else {
                long rate = throttle.bytesPerSecond().orElseThrow();
                long due = Math.multiplyHigh(read, 1_000_000_000L) == 0 ? read * 1_000_000_000L / rate
                        : (long) (read * 1e9 / rate);
                wait = Duration.ofNanos(due - (nanoTime.getAsLong() - started));
            }
            if (wait.isNegative() || wait.isZero()) {
                return;
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("the throttled download was interrupted");
            }
        }
    }
}
