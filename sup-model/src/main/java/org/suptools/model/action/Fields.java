package org.suptools.model.action;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.suptools.model.problem.ShownText;

/**
 * The field checks every action record runs in its compact constructor. Each failure is an
 * {@link IllegalArgumentException} whose message starts with the field name as the user writes
 * it, so loaders can prefix it with the action's location ({@code actions[2].source: ...}).
 */
final class Fields {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern MODE = Pattern.compile("0?[0-7]{3,4}");

    private Fields() {
    }

    static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + ": is required");
        }
        return value;
    }

    static String id(String value) {
        text(value, "id");
        if (!ID.matcher(value).matches()) {
            throw new IllegalArgumentException("id: " + ShownText.quoted(value)
                    + " must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return value;
    }

    static <T> Optional<T> optional(Optional<T> value) {
        return value == null ? Optional.empty() : value;
    }

    /** An optional text field: absent is fine, present but blank is not (the schema says the same). */
    static Optional<String> optionalText(Optional<String> value, String field) {
        Optional<String> present = optional(value);
        present.ifPresent(text -> text(text, field));
        return present;
    }

    static Optional<String> mode(Optional<String> mode) {
        Optional<String> value = optional(mode);
        value.ifPresent(m -> {
            if (!MODE.matcher(m).matches()) {
                throw new IllegalArgumentException("mode: '" + m + "' is not an octal file mode such as 0644");
            }
        });
        return value;
    }

    static <T> List<T> list(List<T> values, String field) {
        if (values == null) {
            return List.of();
        }
        for (T value : values) {
            if (value == null) {
                throw new IllegalArgumentException(field + ": must not contain empty entries");
            }
        }
        return List.copyOf(values);
    }

    static List<String> nonEmptyList(List<String> values, String field) {
        List<String> copy = list(values, field);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException(field + ": must list at least one entry");
        }
        return copy;
    }

    /** Copies keeping the author's order: for properties files the order is what users see. */
    static Map<String, String> orderedMap(Map<String, String> values, String field) {
        if (values == null) {
            return Map.of();
        }
        Map<String, String> copy = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (key == null || key.isEmpty()) {
                throw new IllegalArgumentException(field + ": keys must not be empty");
            }
            copy.put(key, value == null ? "" : value);
        });
        return java.util.Collections.unmodifiableMap(copy);
    }
}
