package org.suptools.agent.config;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A recurring window as seed 001 writes it: a cron line of five fields, {@code minute hour
 * day-of-month month day-of-week}, read as <em>the minutes when the work is allowed</em> (not, as in
 * crontab, the moments a job starts). {@code * 8-17 * * 1-5} is every minute from 08:00 to 17:59 on
 * weekdays; {@code * 0-5 * * *} every night from midnight to 05:59; {@code * * * * *} always. Each
 * field takes {@code *}, a number, a range {@code a-b}, a step {@code * /n} or {@code a-b/n}, and
 * comma lists of these; months and days may be named ({@code jan}, {@code mon}); Sunday is 0 or 7.
 * As in cron, when both day fields are restricted a day matches if either does. Times are in the
 * gateway's zone.
 *
 * @param text the line as written, for messages
 */
public record Window(String text, BitSet minutes, BitSet hours, BitSet days, BitSet months, BitSet weekdays,
        boolean daysRestricted, boolean weekdaysRestricted) {

    /** Always open. */
    public static final Window ALWAYS = parse("* * * * *");

    /** How far ahead an opening or a closing is looked for: past every leap day. */
    private static final long HORIZON_DAYS = 4 * 366 + 1;
    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
            "oct", "nov", "dec");
    private static final List<String> WEEKDAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");

    public Window {
        minutes = (BitSet) minutes.clone();
        hours = (BitSet) hours.clone();
        days = (BitSet) days.clone();
        months = (BitSet) months.clone();
        weekdays = (BitSet) weekdays.clone();
    }

    /**
     * @throws IllegalArgumentException naming the field and what it must be
     */
    public static Window parse(String text) {
        String[] fields = text.strip().toLowerCase(Locale.ROOT).split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("'" + text + "' must have 5 fields (minute hour day-of-month month "
                    + "day-of-week), such as '* 8-17 * * 1-5', has " + (text.isBlank() ? 0 : fields.length));
        }
        BitSet weekdays = field(fields[4], "day-of-week", 0, 7, WEEKDAYS);
        if (weekdays.get(7)) {
            weekdays.set(0);
            weekdays.clear(7);
        }
        Window window = new Window(text.strip(), field(fields[0], "minute", 0, 59, List.of()),
                field(fields[1], "hour", 0, 23, List.of()), field(fields[2], "day-of-month", 1, 31, List.of()),
                field(fields[3], "month", 1, 12, MONTHS), weekdays, !fields[2].equals("*"), !fields[4].equals("*"));
        if (window.nextOpening(Instant.parse("2000-01-01T00:00:00Z"), java.time.ZoneOffset.UTC).isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' never opens (no such day)");
        }
        return window;
    }

    private static BitSet field(String field, String name, int min, int max, List<String> names) {
        BitSet set = new BitSet(max + 1);
        for (String part : field.split(",", -1)) {
            String range = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                step = number(part.substring(slash + 1), name, 1, max - min + 1, List.of(), field);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] ends = range.split("-", -1);
                if (ends.length != 2) {
                    throw bad(name, field, min, max);
                }
                from = number(ends[0], name, min, max, names, field);
                to = number(ends[1], name, min, max, names, field);
                if (to < from) {
                    throw new IllegalArgumentException(name + " '" + field + "': the range " + range
                            + " ends before it starts");
                }
            } else {
                from = number(range, name, min, max, names, field);
                to = slash >= 0 ? max : from;
            }
            for (int i = from; i <= to; i += step) {
                set.set(i);
            }
        }
        return set;
    }

    private static int number(String text, String name, int min, int max, List<String> names, String field) {
        int index = names.indexOf(text);
        if (index >= 0) {
            return names == MONTHS ? index + 1 : index;
        }
        if (!text.matches("\\d{1,2}")) {
            throw bad(name, field, min, max);
        }
        int n = Integer.parseInt(text);
        if (n < min || n > max) {
            throw bad(name, field, min, max);
        }
        return n;
    }

    private static IllegalArgumentException bad(String name, String field, int min, int max) {
        return new IllegalArgumentException(name + " '" + field + "' must be *, a number from " + min + " to " + max
                + ", a range a-b, a step */n or a-b/n, or a comma list of these");
    }

    /** Whether the minute that holds {@code at} is inside the window. */
    public boolean contains(Instant at, ZoneId zone) {
        LocalDateTime t = LocalDateTime.ofInstant(at, zone);
        return dayMatches(t.toLocalDate()) && hours.get(t.getHour()) && minutes.get(t.getMinute());
    }

    /** The first instant at or after {@code from} inside the window ({@code from} itself when it is); empty if none within four years. */
    public Optional<Instant> nextOpening(Instant from, ZoneId zone) {
        if (contains(from, zone)) {
            return Optional.of(from);
        }
        LocalDateTime t = LocalDateTime.ofInstant(from, zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        LocalDateTime end = t.plusDays(HORIZON_DAYS);
        while (t.isBefore(end)) {
            if (!dayMatches(t.toLocalDate())) {
                t = t.toLocalDate().plusDays(1).atStartOfDay();
            } else if (!hours.get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!minutes.get(t.getMinute())) {
                t = t.plusMinutes(1);
            } else {
                Instant opening = t.atZone(zone).toInstant();
                return Optional.of(opening.isBefore(from) ? from : opening);
            }
        }
        return Optional.empty();
    }

    /**
     * When the window that holds {@code at} closes: the first minute after it outside the window.
     * Empty when {@code at} is outside, or the window never closes (within four years).
     */
    public Optional<Instant> closingAfter(Instant at, ZoneId zone) {
        if (!contains(at, zone)) {
            return Optional.empty();
        }
        boolean allMinutes = minutes.cardinality() == 60;
        boolean allDay = allMinutes && hours.cardinality() == 24;
        LocalDateTime t = LocalDateTime.ofInstant(at, zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        LocalDateTime end = t.plusDays(HORIZON_DAYS);
        while (t.isBefore(end)) {
            if (!dayMatches(t.toLocalDate()) || !hours.get(t.getHour()) || !minutes.get(t.getMinute())) {
                return Optional.of(t.atZone(zone).toInstant());
            }
            if (allDay && t.getHour() == 0 && t.getMinute() == 0) {
                t = t.plusDays(1);
            } else if (allMinutes && t.getMinute() == 0) {
                t = t.plusHours(1);
            } else {
                t = t.plusMinutes(1);
            }
        }
        return Optional.empty();
    }

    private boolean dayMatches(LocalDate date) {
        boolean day = days.get(date.getDayOfMonth());
        boolean weekday = weekdays.get(date.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : date.getDayOfWeek().getValue());
        boolean dateOk;
        if (daysRestricted && weekdaysRestricted) {
            dateOk = day || weekday;
        } else {
            dateOk = day && weekday;
        }
        return dateOk && months.get(date.getMonthValue());
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Window w && w.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
