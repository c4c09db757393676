package org.suptools.agent.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a download is slowed so it leaves the gateway's CPU and link to its real work (seed 001's
 * {@code throttle}): a pause after every 4 KiB read ({@code 10ms}; a plain number is milliseconds,
 * as the seed has it), or a byte rate the download keeps under ({@code 64KiB/s}, {@code 1MiB/s},
 * {@code 500KB/s}, {@code 8000B/s}). {@code 0} is no throttle.
 *
 * @param pausePerChunk the pause after each {@link #CHUNK} bytes, when the throttle is a pause
 * @param bytesPerSecond the rate, when the throttle is a rate
 */
public record Throttle(Optional<Duration> pausePerChunk, Optional<Long> bytesPerSecond) {

    /** The read the seed pauses after: 4 KiB. */
    public static final int CHUNK = 4096;
    public static final Throttle NONE = new Throttle(Optional.empty(), Optional.empty());

    private static final Pattern RATE = Pattern.compile("(\\d{1,12})\\s*(b|kb|kib|mb|mib)/s");

    public Throttle {
        pausePerChunk = pausePerChunk == null ? Optional.empty() : pausePerChunk.filter(d -> !d.isZero());
        bytesPerSecond = bytesPerSecond == null ? Optional.empty() : bytesPerSecond;
        if (pausePerChunk.isPresent() && bytesPerSecond.isPresent()) {
            throw new IllegalArgumentException("a throttle is a pause or a rate, not both");
        }
        if (pausePerChunk.filter(Duration::isNegative).isPresent()) {
            throw new IllegalArgumentException("a pause must not be negative");
        }
        if (bytesPerSecond.filter(rate -> rate < 1).isPresent()) {
            throw new IllegalArgumentException("a rate must be at least 1 byte per second");
        }
    }

    public static Throttle pause(Duration perChunk) {
        return new Throttle(Optional.of(perChunk), Optional.empty());
    }

    public static Throttle rate(long bytesPerSecond) {
        return new Throttle(Optional.empty(), Optional.of(bytesPerSecond));
    }

    /**
     * @throws IllegalArgumentException saying what was wrong and what would do
     */
    public static Throttle parse(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        Matcher rate = RATE.matcher(value);
        if (rate.matches()) {
            long n = Long.parseLong(rate.group(1));
            long unit = switch (rate.group(2)) {
                case "kb" -> 1000;
                case "kib" -> 1024;
                case "mb" -> 1_000_000;
                case "mib" -> 1024 * 1024;
                default -> 1;
            };
            if (n == 0) {
                return NONE;
            }
            return rate(Math.multiplyExact(n, unit));
        }
        if (value.matches("\\d{1,9}")) {
            return pause(Duration.ofMillis(Long.parseLong(value)));
        }
        Duration pause;
        try {
            pause = DurationText.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is neither a pause per 4 KiB read (10ms, or 10 for "
                    + "milliseconds) nor a rate (64KiB/s, 1MiB/s, 500KB/s)");
        }
        if (pause.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("a pause of " + DurationText.describe(pause) + " per 4 KiB read would "
                    + "take days for a small package; at most 1min");
        }
        return pause(pause);
    }

    public boolean none() {
        return pausePerChunk.isEmpty() && bytesPerSecond.isEmpty();
    }

    /** {@code none}, {@code 10ms per 4 KiB}, {@code 65536 B/s}. */
    public String describe() {
        return pausePerChunk.map(p -> DurationText.describe(p) + " per 4 KiB read")
                .or(() -> bytesPerSecond.map(r -> r + " B/s")).orElse("none");
    }
}
