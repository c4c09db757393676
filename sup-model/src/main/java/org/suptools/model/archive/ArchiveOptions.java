package org.suptools.model.archive;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * How {@link SupWriter} writes an archive. Only the entry timestamp varies between builds; every
 * other property of the output is fixed by the format.
 *
 * @param timestamp the modification time written for every entry. ZIP stores it as an MS-DOS
 *                  date and time: two-second resolution (odd seconds are rounded down), no
 *                  time zone, and here a range of {@link #DEFAULT_TIMESTAMP} to
 *                  {@link #LATEST_TIMESTAMP}. The writer records the UTC date and time of this
 *                  instant, whatever the time zone of the machine that builds.
 */
public record ArchiveOptions(Instant timestamp) {

    /** The environment variable of the reproducible-builds convention, in seconds since 1970. */
    public static final String SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH";

    /** The timestamp when {@code SOURCE_DATE_EPOCH} is not set: the earliest one ZIP can hold. */
    public static final Instant DEFAULT_TIMESTAMP = Instant.parse("1980-01-01T00:00:00Z");

    /**
     * The latest timestamp accepted. MS-DOS times reach 2107, but Commons Compress, which wrote
     * archives before {@link SupWriter} did it itself and which tools may still use to rewrite
     * them, adds extended-timestamp extra fields from 2097-11-30 on; the bound keeps clear of
     * that, with a day of margin for time zones.
     */
    public static final Instant LATEST_TIMESTAMP = Instant.parse("2097-11-28T23:59:58Z");

    public ArchiveOptions {
        Objects.requireNonNull(timestamp, "timestamp");
        if (timestamp.isBefore(DEFAULT_TIMESTAMP) || timestamp.isAfter(LATEST_TIMESTAMP)) {
            throw new IllegalArgumentException("timestamp: " + timestamp + " is outside the range a .sup can store ("
                    + DEFAULT_TIMESTAMP + " to " + LATEST_TIMESTAMP + ")");
        }
    }

    /** Options with the constant {@link #DEFAULT_TIMESTAMP}. */
    public static ArchiveOptions defaults() {
        return new ArchiveOptions(DEFAULT_TIMESTAMP);
    }

    /** Options from this process's environment: see {@link #fromEnvironment(Map)}. */
    public static ArchiveOptions fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * Options from {@code SOURCE_DATE_EPOCH} when it is set and not empty, else
     * {@link #defaults()}. A value before 1980 (such as 0) is raised to 1980, the earliest time
     * ZIP can store, as other reproducible ZIP writers do.
     *
     * @throws IllegalArgumentException if the variable is not a whole number of seconds, or is
     *                                  after {@link #LATEST_TIMESTAMP}
     */
    public static ArchiveOptions fromEnvironment(Map<String, String> environment) {
        String value = environment.get(SOURCE_DATE_EPOCH);
        if (value == null || value.isBlank()) {
            return defaults();
        }
        long seconds;
        try {
            seconds = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(SOURCE_DATE_EPOCH + ": '" + value
                    + "' is not a whole number of seconds since 1970-01-01T00:00:00Z", e);
        }
        Instant instant = Instant.ofEpochSecond(Math.max(seconds, DEFAULT_TIMESTAMP.getEpochSecond()));
        if (instant.isAfter(LATEST_TIMESTAMP)) {
            throw new IllegalArgumentException(SOURCE_DATE_EPOCH + ": " + value
                    + " is after " + LATEST_TIMESTAMP + ", the latest time a .sup can store");
        }
        return new ArchiveOptions(instant);
    }
}
