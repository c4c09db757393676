package org.suptools.model.json;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.suptools.model.problem.Problem;

/**
 * Turns Jackson's errors into one {@link Problem} located the way the user wrote the document
 * ({@code actions[2].source}), with a message free of Java class names.
 */
public final class JsonProblems {

    private JsonProblems() {
    }

    public static Problem of(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException mapping)) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
            return Problem.error(where, "not valid syntax: " + e.getOriginalMessage());
        }
        String path = pathOf(mapping.getPath());
        Throwable cause = mapping.getCause();
        if (mapping instanceof ValueInstantiationException || cause instanceof IllegalArgumentException) {
            return fieldProblem(path, cause == null ? mapping.getOriginalMessage() : cause.getMessage());
        }
        if (mapping instanceof UnrecognizedPropertyException unknown) {
            String known = unknown.getKnownPropertyIds() == null ? "" : unknown.getKnownPropertyIds().stream()
                    .map(Object::toString)
                    .filter(name -> !name.equals("header"))
                    .sorted()
                    .collect(Collectors.joining(", "));
            return Problem.error(path, "unknown field" + (known.isEmpty() ? "" : " (known: " + known + ")"));
        }
        if (mapping instanceof InvalidFormatException format) {
            if (format.getTargetType() == String.class && !(format.getValue() instanceof String)) {
                return Problem.error(path, "expected " + describe(String.class));
            }
            return Problem.error(path, "'" + format.getValue() + "' is not a valid value");
        }
        if (mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            if (readFromText(mismatch.getTargetType())) {
                // A version or a duration written as a YAML number (runtimeVersion: 5.1) lost its text already.
                return Problem.error(path, "expected " + describe(String.class));
            }
            return Problem.error(path, "expected " + describe(mismatch.getTargetType()) + detail(mapping));
        }
        return fieldProblem(path, mapping.getOriginalMessage());
    }

    /**
     * Our own checks write {@code field: message}; that field is appended to the location of
     * the object that refused it.
     */
    private static Problem fieldProblem(String path, String message) {
        String text = message == null ? "invalid value" : message;
        int colon = text.indexOf(": ");
        if (colon > 0 && text.substring(0, colon).matches("[A-Za-z][A-Za-z0-9]*(\\[\\d+])?")) {
            String field = text.substring(0, colon);
            String location = path.isEmpty() ? field : path.endsWith("." + field) || path.equals(field) ? path : path + "." + field;
            return Problem.error(location, text.substring(colon + 2));
        }
        return Problem.error(path, text);
    }

    /** A value type the documents write as text, such as a SemVer: it has a static creator from a String. */
    private static boolean readFromText(Class<?> type) {
        return Arrays.stream(type.getDeclaredMethods()).anyMatch(method -> Modifier.isStatic(method.getModifiers())
                && method.isAnnotationPresent(JsonCreator.class)
                && Arrays.equals(method.getParameterTypes(), new Class<?>[] {String.class}));
    }

    private static String detail(JsonMappingException e) {
        String original = e.getOriginalMessage();
        if (original != null && original.startsWith("Cannot deserialize")) {
            return "";
        }
        return original == null ? "" : " (" + original + ")";
    }

    private static String describe(Class<?> type) {
        if (type == String.class) {
            return "a text value (write it in quotes)";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (java.util.Map.class.isAssignableFrom(type)) {
            return "a mapping of keys to values";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type.isRecord() || type.isInterface()) {
            return "an object";
        }
        return "a value of another kind";
    }

    /** {@code actions[2].source}; the in-memory {@code header} level of actions is not shown. */
    static String pathOf(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : references) {
            if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null && !ref.getFieldName().equals(ActionModule.HEADER)) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            }
        }
        return path.toString();
    }
}
