package org.suptools.tr50;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The checks the records' constructors share; each failure names the field as the wire spells it. */
final class Checks {

    private Checks() {
    }

    static <T> T present(String field, T value) {
        if (value == null) {
            throw new InvalidFieldException(field, "missing");
        }
        return value;
    }

    /** Optional fields are never null themselves; absent is {@code Optional.empty()}. */
    static <T> Optional<T> optional(String field, Optional<T> value) {
        return Objects.requireNonNull(value, field + ": use Optional.empty() for an absent value");
    }

    static String nonBlank(String field, String value) {
        present(field, value);
        if (value.isBlank()) {
            throw new InvalidFieldException(field, "must not be blank");
        }
        return value;
    }

    static Optional<String> nonBlank(String field, Optional<String> value) {
        optional(field, value).ifPresent(v -> nonBlank(field, v));
        return value;
    }

    /** A name that goes into logs and file names: not blank, no line breaks or other control characters. */
    static String singleLine(String field, String value) {
        nonBlank(field, value);
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidFieldException(field, "must not contain control characters");
        }
        return value;
    }

    static int atLeast(String field, int minimum, int value) {
        if (value < minimum) {
            throw new InvalidFieldException(field, "must be at least " + minimum + ", was " + value);
        }
        return value;
    }

    static Optional<Integer> atLeast(String field, int minimum, Optional<Integer> value) {
        optional(field, value).ifPresent(v -> atLeast(field, minimum, v));
        return value;
    }

    static <T> List<T> list(String field, List<T> values) {
        present(field, values);
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new InvalidFieldException(field + "[" + i + "]", "missing");
            }
        }
        return List.copyOf(values);
    }
}
