package org.suptools.tr50;

/**
 * A TR50 message, topic or payload that cannot be read. The message is one line that says where
 * the problem is, the way the JSON spells it ({@code "2".params.limit}), and what it is, in plain
 * words without parser internals, so it can go into a log or back to the peer as an error message.
 */
public final class Tr50Exception extends Exception {

    private static final long serialVersionUID = 1L;

    private final String location;
    private final String problem;

    /**
     * @param location where the problem is, such as {@code "1".params.limit}; empty when the whole
     *     message, topic or payload is at fault
     * @param problem what is wrong, as a sentence fragment without a location
     */
    public Tr50Exception(String location, String problem) {
        this(location, problem, null);
    }

    Tr50Exception(String location, String problem, Throwable cause) {
        super(location.isEmpty() ? problem : location + ": " + problem, cause);
        this.location = location;
        this.problem = problem;
    }

    /** Where the problem is, such as {@code "1".params.messages[0].id}; empty for the whole input. */
    public String location() {
        return location;
    }

    /** What is wrong, without the location. */
    public String problem() {
        return problem;
    }

    /**
     * The same problem seen from an enclosing object: {@code messages[0].id} within
     * {@code "1".params} is {@code "1".params.messages[0].id}.
     */
    public Tr50Exception within(String outer) {
        if (outer.isEmpty()) {
            return this;
        }
        String joined = location.isEmpty() ? outer
                : location.startsWith("[") ? outer + location : outer + "." + location;
        return new Tr50Exception(joined, problem, getCause());
    }
}
