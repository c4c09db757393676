package org.suptools.model.packaging;

import java.util.Optional;

/**
 * One difference between two packages: what kind, where ({@code version},
 * {@code actions[copy-cfg]}, {@code payload/fw.bin}), and the values before and after (absent
 * when the thing was added or removed).
 */
public record Change(Kind kind, String location, Optional<String> before, Optional<String> after) {

    public enum Kind {
        ADDED,
        REMOVED,
        CHANGED,
        MOVED
    }

    public static Change added(String location, String after) {
        return new Change(Kind.ADDED, location, Optional.empty(), Optional.of(after));
    }

    public static Change removed(String location, String before) {
        return new Change(Kind.REMOVED, location, Optional.of(before), Optional.empty());
    }

    public static Change changed(String location, String before, String after) {
        return new Change(Kind.CHANGED, location, Optional.of(before), Optional.of(after));
    }

    public static Change moved(String location, int from, int to) {
        return new Change(Kind.MOVED, location, Optional.of("position " + from), Optional.of("position " + to));
    }

    @Override
    public String toString() {
        return switch (kind) {
            case ADDED -> "+ " + location + ": " + after.orElseThrow();
            case REMOVED -> "- " + location + ": " + before.orElseThrow();
            case CHANGED -> "~ " + location + ": " + before.orElseThrow() + " -> " + after.orElseThrow();
            case MOVED -> "> " + location + ": " + before.orElseThrow() + " -> " + after.orElseThrow();
        };
    }
}
