package org.suptools.tr50;

import java.util.regex.Pattern;

/**
 * The number that ties a request topic to its reply: {@code api/0001} is answered on
 * {@code reply/0001}. Kept as the digits were written, because the reply echoes them: numbers made
 * here are zero-padded to four digits, as the Python device agent does ({@code 0001}, ...,
 * {@code 9999}, {@code 10000}).
 *
 * @param digits one to eighteen decimal digits
 */
public record TopicNumber(String digits) {

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");

    public TopicNumber {
        Checks.present("digits", digits);
        if (!DIGITS.matcher(digits).matches()) {
            throw new IllegalArgumentException("a topic number is 1 to 18 decimal digits, was " + Text.quote(digits));
        }
    }

    /** {@code 1} is {@code 0001}. */
    public static TopicNumber of(long counter) {
        if (counter < 0) {
            throw new IllegalArgumentException("a topic number is 0 or more, was " + counter);
        }
        return new TopicNumber(String.format("%04d", counter));
    }

    public long value() {
        return Long.parseLong(digits);
    }

    /** The number after this one, as a counter hands them out. */
    public TopicNumber next() {
        return of(Math.addExact(value(), 1));
    }

    @Override
    public String toString() {
        return digits;
    }
}
