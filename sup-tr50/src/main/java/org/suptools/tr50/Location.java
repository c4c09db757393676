package org.suptools.tr50;

import java.util.regex.Pattern;

/**
 * Where a value sits in a JSON message, written the way a reader finds it: {@code "1"} for an
 * envelope key, {@code .params.limit} for fields, {@code [0]} for array elements.
 */
final class Location {

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Location ROOT = new Location("");

    private final String path;

    private Location(String path) {
        this.path = path;
    }

    static Location root() {
        return ROOT;
    }

    /** A field of this object; a name that is not a plain identifier (such as {@code "1"}) is quoted. */
    Location field(String name) {
        String shown = PLAIN_NAME.matcher(name).matches() ? name : Text.quote(name);
        return new Location(path.isEmpty() ? shown : path + "." + shown);
    }

    Location index(int index) {
        return new Location(path + "[" + index + "]");
    }

    boolean isRoot() {
        return path.isEmpty();
    }

    Tr50Exception problem(String problem) {
        return new Tr50Exception(path, problem);
    }

    Tr50Exception problem(String problem, Throwable cause) {
        return new Tr50Exception(path, problem, cause);
    }

    @Override
    public String toString() {
        return path;
    }
}
