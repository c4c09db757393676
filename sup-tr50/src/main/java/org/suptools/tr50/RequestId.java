package org.suptools.tr50;

import java.util.regex.Pattern;

/**
 * The key of a command in a request and of its result in the reply: {@code "1"}, {@code "2"}, ...
 * A positive whole number, written without leading zeros so that one number has one spelling.
 *
 * @param value 1 or more
 */
public record RequestId(int value) implements Comparable<RequestId> {

    private static final Pattern DIGITS = Pattern.compile("[1-9][0-9]{0,9}");

    public RequestId {
        if (value < 1) {
            throw new IllegalArgumentException("a request id is 1 or more, was " + value);
        }
    }

    public static RequestId of(int value) {
        return new RequestId(value);
    }

    /**
     * The id a key spells.
     *
     * @throws Tr50Exception if the key is not a positive whole number such as {@code "1"}
     */
    public static RequestId parse(String key) throws Tr50Exception {
        if (!DIGITS.matcher(key).matches() || Long.parseLong(key) > Integer.MAX_VALUE) {
            throw Location.root().field(key).problem(
                    "is not a command id: ids are positive whole numbers without leading zeros, such as \"1\"");
        }
        return new RequestId(Integer.parseInt(key));
    }

    public RequestId next() {
        return new RequestId(Math.addExact(value, 1));
    }

    @Override
    public int compareTo(RequestId other) {
        return Integer.compare(value, other.value);
    }

    /** The key as written: {@code "1"}. */
    @Override
    public String toString() {
        return Integer.toString(value);
    }
}
