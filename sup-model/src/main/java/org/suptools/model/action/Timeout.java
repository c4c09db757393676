package org.suptools.model.action;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long an action may run, written the way people write it: {@code 500ms}, {@code 30s},
 * {@code 5m}, {@code 1h}. A plain number means seconds. Gateway configs write their durations the
 * same way.
 *
 * <p>A timeout is at most {@link #MAX}, 24 hours. An install holds the gateway's lock for its
 * whole run, usually with the runtime stopped, and is unattended: a step that may take longer
 * than a day is a hung step, better ended by its timeout and rolled back. The bound also keeps
 * every deadline computed from a timeout (in nanoseconds, from a monotonic clock) far from
 * overflowing. Every input is checked before any arithmetic, so no text or number, however
 * large, can overflow.
 */
public record Timeout(Duration duration) {

    /** The longest timeout: 24 hours. */
    public static final Duration MAX = Duration.ofHours(24);

    private static final Pattern TEXT = Pattern.compile("(\\d{1,9})(ms|s|m|h)?");
    private static final String EXAMPLES = "examples: 500ms, 30s, 5m, 1h";

    public Timeout {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("must be more than zero, such as 500ms, 30s, 5m or 1h");
        }
        if (duration.compareTo(MAX) > 0) {
            throw new IllegalArgumentException(tooLong(describe(duration)));
        }
    }

    /** A plain number in a spec means seconds. */
    @JsonCreator
    public static Timeout ofSeconds(long seconds) {
        if (seconds > MAX.toSeconds()) {
            throw new IllegalArgumentException(tooLong(seconds + " seconds"));
        }
        return new Timeout(Duration.ofSeconds(seconds));
    }

    /** A number of seconds too large even for a {@code long}: refused with the same message, never an overflow. */
    @JsonCreator
    public static Timeout ofSeconds(BigInteger seconds) {
        if (seconds.bitLength() < Long.SIZE) {
            return ofSeconds(seconds.longValue());
        }
        throw new IllegalArgumentException(seconds.signum() < 0
                ? "must be more than zero, such as 500ms, 30s, 5m or 1h" : tooLong(seconds + " seconds"));
    }

    @JsonCreator
    public static Timeout parse(String text) {
        Matcher m = TEXT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (" + EXAMPLES + ")");
        }
        // At most nine digits: even 999999999h is 3.6e15 milliseconds, well inside a long.
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        long millis = switch (unit) {
            case "ms" -> amount;
            case "m" -> amount * 60_000;
            case "h" -> amount * 3_600_000;
            default -> amount * 1000;
        };
        if (millis > MAX.toMillis()) {
            throw new IllegalArgumentException(tooLong(text.trim()));
        }
        return new Timeout(Duration.ofMillis(millis));
    }

    private static String tooLong(String given) {
        return "must be at most " + describe(MAX) + " (" + MAX.toMinutes() + "m, " + MAX.toSeconds()
                + "s), the longest timeout; was " + given;
    }

    /** The shortest exact text: {@code 90s} stays {@code 90s}, {@code 120s} becomes {@code 2m}. */
    @JsonValue
    @Override
    public String toString() {
        return describe(duration);
    }

    /**
     * Any duration that is not negative in the way timeouts are written, in its largest exact unit
     * ({@code 1500ms}, {@code 90s}, {@code 2m}); beyond {@link #MAX}, in whole hours.
     */
    public static String describe(Duration duration) {
        if (duration.compareTo(MAX) > 0) {
            return duration.toHours() + "h";
        }
        long millis = duration.toMillis();
        if (millis % 1000 != 0) {
            return millis + "ms";
        }
        long seconds = millis / 1000;
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}
