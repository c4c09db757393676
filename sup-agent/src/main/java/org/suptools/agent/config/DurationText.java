package org.suptools.agent.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duration as an agent config writes it: a whole number with a unit, in seed 001's words
 * ({@code 30min}, {@code 1hr}, {@code 1day}) or the short ones the other fields use ({@code 500ms},
 * {@code 30s}, {@code 5m}, {@code 1h}, {@code 2d}), or a plain number of seconds ({@code 90}).
 */
public final class DurationText {

    /** What the message of a bad value offers instead. */
    public static final String EXAMPLES = "examples: 90 (seconds), 500ms, 30s, 30min, 1hr, 1day";

    private static final Pattern TEXT = Pattern.compile("(\\d{1,12})\\s*([a-z]*)");

    private DurationText() {
    }

    /**
     * @throws IllegalArgumentException saying what was wrong and what would do
     */
    public static Duration parse(String text) {
        Matcher m = TEXT.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (" + EXAMPLES + ")");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "", "s", "sec", "secs", "second", "seconds" -> Duration.ofSeconds(n);
            case "m", "min", "mins", "minute", "minutes" -> Duration.ofMinutes(n);
            case "h", "hr", "hrs", "hour", "hours" -> Duration.ofHours(n);
            case "d", "day", "days" -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException("'" + text + "' has an unknown unit '" + m.group(2) + "' ("
                    + EXAMPLES + ")");
        };
    }

    /** The shortest exact way to say it: {@code 90s}, {@code 30min}, {@code 1day}, {@code 250ms}. */
    public static String describe(Duration duration) {
        long ms = duration.toMillis();
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        if (s != 0 && s % 86_400 == 0) {
            return s / 86_400 + "day";
        }
        if (s != 0 && s % 3600 == 0) {
            return s / 3600 + "hr";
        }
        if (s != 0 && s % 60 == 0) {
            return s / 60 + "min";
        }
        return s + "s";
    }
}
