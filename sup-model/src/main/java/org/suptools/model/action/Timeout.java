package org.suptools.model.action;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long an action may run, written the way people write it: {@code 500ms}, {@code 30s},
 * {@code 5m}, {@code 1h}. A plain number means seconds.
 */
public record Timeout(Duration duration) {

    private static final Pattern TEXT = Pattern.compile("(\\d{1,9})(ms|s|m|h)?");

    public Timeout {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("must be longer than zero (examples: 500ms, 30s, 5m, 1h)");
        }
    }

    /** A plain number in a spec means seconds. */
    @JsonCreator
    public static Timeout ofSeconds(long seconds) {
        return new Timeout(Duration.ofSeconds(seconds));
    }

    @JsonCreator
    public static Timeout parse(String text) {
        Matcher m = TEXT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (examples: 500ms, 30s, 5m, 1h)");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return new Timeout(switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        });
    }

    /** The shortest exact text: {@code 90s} stays {@code 90s}, {@code 120s} becomes {@code 2m}. */
    @JsonValue
    @Override
    public String toString() {
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
