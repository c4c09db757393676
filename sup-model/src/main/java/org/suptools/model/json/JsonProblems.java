package org.suptools.model.json;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.suptools.model.problem.Problem;
import org.suptools.model.problem.ShownText;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * The one translation of Jackson's errors (every kind: syntax, limits, mistyped and unknown
 * fields, failed constructors) into a {@link Problem} a person can act on: located at the field
 * the way the user wrote it ({@code actions[2].source}), or at {@code line:column} for a syntax
 * error, saying what to write instead, and free of Java class names, Jackson feature names and
 * source excerpts. Every reader of a user's document goes through it.
 */
public final class JsonProblems {

    /** What a library message looks like: a qualified class name, a feature constant, a backquoted type. */
    private static final Pattern INTERNALS = Pattern.compile(
            "[a-z]+\\.[a-z]+\\.[A-Z]\\w+|Exception|`|[A-Z][a-z]+[A-Z]\\w*\\.[a-z]\\w*\\(|PT\\d|\\[Source:|Creator|"
                    + "\\b(?:ALLOW|FAIL_ON|ACCEPT|USE|READ|WRITE)_[A-Z_]+|\\b(?:START|END)_(?:OBJECT|ARRAY)\\b|"
                    + "\\bVALUE_[A-Z_]+|\\bFIELD_NAME\\b|[Cc]oercion");
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate (?:field|key) '(.*)'", Pattern.DOTALL);

    private JsonProblems() {
    }

    public static Problem of(JsonProcessingException e) {
        if (e instanceof JsonMappingException && e.getCause() instanceof StreamReadException syntax) {
            // A syntax error met while binding a field: the text is at fault, not the field.
            return syntaxProblem(syntax);
        }
        if (e instanceof JsonMappingException mapping && !(e instanceof MismatchedInputException trailing
                && isTrailing(trailing))) {
            return mappingProblem(mapping);
        }
        return syntaxProblem(e);
    }

    /** A problem of the text itself, before any field is known: located by line and column. */
    private static Problem syntaxProblem(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        // The parsers quote the text they met: what cannot be seen in it is escaped.
        String message = ShownText.escaped(syntaxMessage(e));
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            return Problem.atPosition(yaml.getProblemMark().getLine() + 1, yaml.getProblemMark().getColumn() + 1, message);
        }
        if (at == null || at.getLineNr() < 1) {
            return Problem.error("", message);
        }
        return Problem.atPosition(at.getLineNr(), Math.max(1, at.getColumnNr()), message);
    }

    private static String syntaxMessage(JsonProcessingException e) {
        String original = String.valueOf(e.getOriginalMessage());
        if (e instanceof StreamConstraintsException) {
            return limitMessage(original);
        }
        if (e.getCause() instanceof MarkedYAMLException yaml) {
            return "not valid YAML: " + yamlProblem(yaml);
        }
        if (e instanceof MismatchedInputException) {
            return "unexpected content after the end of the document; a file holds one document";
        }
        if (e instanceof JsonEOFException) {
            return "the document ends too early: a bracket, brace or quote is not closed";
        }
        if (e instanceof InputCoercionException) {
            return "a number out of range; write a smaller number";
        }
        Matcher duplicate = DUPLICATE.matcher(original);
        if (duplicate.find()) {
            return ShownText.quoted(duplicate.group(1)) + " appears twice in the same object; keep one";
        }
        if (original.contains("NaN") || original.contains("Infinity") || original.contains("NON_NUMERIC")) {
            return "NaN and Infinity are not numbers here; write a number";
        }
        if (original.contains("leading zeroes") || original.contains("Leading zeroes")) {
            return "a number with a leading zero; write it without (or in quotes, as text)";
        }
        return "not valid " + (isYaml(e) ? "YAML" : "JSON") + ": " + human(firstSentence(original), "unexpected text here");
    }

    private static boolean isYaml(JsonProcessingException e) {
        return e.getProcessor() != null && e.getProcessor().getClass().getName().contains("yaml");
    }

    /** SnakeYAML's problem, with its grammar terms put the way a person reads them. */
    private static String yamlProblem(MarkedYAMLException yaml) {
        String problem = String.valueOf(yaml.getProblem());
        if (problem.contains("<block") || problem.contains("<block end>")) {
            return "the indentation does not match the lines above (indent with spaces, the same amount at each level)";
        }
        if (problem.contains("mapping values are not allowed")) {
            return "a ':' where a value was expected (quote a value that contains ': ')";
        }
        if (problem.contains("found character '\\t'") || problem.contains("found character '\t'")) {
            return "a tab character; indent with spaces";
        }
        if (problem.contains("found duplicate anchor") || problem.contains("found undefined alias")) {
            return "an anchor or alias (&name, *name) that is not defined once";
        }
        return human(problem, "unexpected text here");
    }

    private static String limitMessage(String original) {
        String lower = original.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("number")) {
            return "a number with too many digits (more than " + limit(original) + ")";
        }
        if (lower.contains("nesting")) {
            return "nested too deeply (more than " + limit(original) + " levels)";
        }
        if (lower.contains("string") || lower.contains("name")) {
            return "a text value too long (more than " + limit(original) + " characters)";
        }
        return "too large to read";
    }

    /** The limit Jackson states in its message ("exceeds the maximum allowed (1000, from ...)"). */
    private static String limit(String original) {
        Matcher m = Pattern.compile("maximum (?:allowed )?\\((\\d+)").matcher(original);
        return m.find() ? m.group(1) : "the limit";
    }

    private static boolean isTrailing(MismatchedInputException e) {
        return String.valueOf(e.getOriginalMessage()).startsWith("Trailing token");
    }

    private static Problem mappingProblem(JsonMappingException mapping) {
        String path = pathOf(mapping.getPath());
        Throwable cause = mapping.getCause();
        if (cause instanceof StreamConstraintsException) {
            return Problem.error(path, limitMessage(String.valueOf(cause == null ? mapping.getOriginalMessage()
                    : cause.getMessage())));
        }
        if (mapping instanceof ValueInstantiationException || cause instanceof IllegalArgumentException) {
            String message = cause == null ? mapping.getOriginalMessage() : cause.getMessage();
            if (cause instanceof NumberFormatException || cause instanceof ArithmeticException) {
                message = "a number out of range";
            }
            return fieldProblem(path, human(message, "is not a valid value"));
        }
        if (mapping instanceof PropertyBindingException unknown) {
            String known = unknown.getKnownPropertyIds() == null ? "" : unknown.getKnownPropertyIds().stream()
                    .map(Object::toString)
                    .filter(name -> !name.equals(ActionModule.HEADER))
                    .sorted()
                    .collect(Collectors.joining(", "));
            return Problem.error(path, "unknown field" + (known.isEmpty() ? "" : " (known: " + known + ")"));
        }
        if (mapping instanceof InvalidTypeIdException typeId) {
            return Problem.error(path, "unknown type " + ShownText.quoted(String.valueOf(typeId.getTypeId())));
        }
        if (mapping instanceof InvalidFormatException format) {
            return Problem.error(path, wrongValue(format.getValue(), format.getTargetType()));
        }
        if (mapping instanceof MismatchedInputException mismatch) {
            if (mismatch.getTargetType() == null) {
                return fieldProblem(path, human(mapping.getOriginalMessage(), "is not a valid value"));
            }
            if (createdFrom(mismatch.getTargetType(), String.class)) {
                // A version or a duration written as a YAML number (runtimeVersion: 5.1) lost its text already.
                return Problem.error(path, createdFrom(mismatch.getTargetType(), long.class)
                        ? "expected a whole number or " + describe(String.class)
                        : "expected " + describe(String.class));
            }
            return Problem.error(path, "expected " + describe(mismatch.getTargetType()) + found(mismatch));
        }
        return fieldProblem(path, human(mapping.getOriginalMessage(), "is not a valid value"));
    }

    /** A scalar of the wrong form: a fraction for a whole number, a number for a text, an unknown name. */
    private static String wrongValue(Object value, Class<?> target) {
        if (target == String.class && !(value instanceof String)) {
            return "expected " + describe(String.class);
        }
        if (isWholeNumber(target)) {
            if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
                return shown(value) + " is not a whole number; write a whole number such as 1";
            }
            if (value instanceof Number) {
                return shown(value) + " is out of range";
            }
        }
        return ShownText.quoted(shown(value)) + " is not a valid value";
    }

    private static String shown(Object value) {
        String text = String.valueOf(value);
        return text.length() > 40 ? text.substring(0, 20) + "... (" + text.length() + " characters)" : text;
    }

    /** What the document held where something else was wanted: ", found a list". */
    private static String found(MismatchedInputException e) {
        if (!(e.getProcessor() instanceof JsonParser parser)) {
            return "";
        }
        JsonToken token = parser.currentToken();
        if (token == null) {
            return "";
        }
        return switch (token) {
            case START_ARRAY -> ", found a list";
            case START_OBJECT, FIELD_NAME -> ", found an object";
            case VALUE_STRING -> ", found a text value";
            case VALUE_NUMBER_INT -> ", found a whole number";
            case VALUE_NUMBER_FLOAT -> ", found a number with a fraction";
            case VALUE_TRUE, VALUE_FALSE -> ", found true or false";
            case VALUE_NULL -> ", found nothing (null)";
            default -> "";
        };
    }

    /**
     * Our own checks write {@code field: message}; that field is appended to the location of
     * the object that refused it.
     */
    private static Problem fieldProblem(String path, String message) {
        String text = message == null ? "is not a valid value" : message;
        int colon = text.indexOf(": ");
        if (colon > 0 && text.substring(0, colon).matches("[A-Za-z][A-Za-z0-9]*(\\[\\d+])?")) {
            String field = text.substring(0, colon);
            String location = path.isEmpty() ? field : path.endsWith("." + field) || path.equals(field) ? path : path + "." + field;
            return Problem.error(location, text.substring(colon + 2));
        }
        return Problem.error(path, text);
    }

    /**
     * A message as it can be shown: one line, and the given sentence instead when it still reads
     * like a library's (a class name, a feature constant, a stack-trace fragment).
     */
    static String human(String message, String otherwise) {
        if (message == null || message.isBlank()) {
            return otherwise;
        }
        String line = ShownText.escaped(message.replaceAll("\\s*\\R\\s*", " ").strip());
        return INTERNALS.matcher(line).find() ? otherwise : line;
    }

    /** Jackson's message up to its first line break or its appended hint, without "(code 125)" asides. */
    private static String firstSentence(String original) {
        String line = original.lines().findFirst().orElse("");
        line = line.replaceAll(" \\(code \\d+\\)", "");
        int hint = line.indexOf(": was expecting");
        return hint > 0 ? line.substring(0, hint) + line.substring(hint).replace(": was expecting", ", expecting") : line;
    }

    /** A value type the documents write as a scalar, such as a SemVer: it has a static creator from that type. */
    private static boolean createdFrom(Class<?> type, Class<?> parameter) {
        return Arrays.stream(type.getDeclaredMethods()).anyMatch(method -> Modifier.isStatic(method.getModifiers())
                && method.isAnnotationPresent(JsonCreator.class)
                && Arrays.equals(method.getParameterTypes(), new Class<?>[] {parameter}));
    }

    private static boolean isWholeNumber(Class<?> type) {
        return type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class || type == BigInteger.class;
    }

    private static String describe(Class<?> type) {
        if (type == String.class || type.isEnum()) {
            return "a text value (write it in quotes)";
        }
        if (List.class.isAssignableFrom(type) || java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "a mapping of keys to values";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (isWholeNumber(type)) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Optional.class) {
            return "a value";
        }
        if (type.isRecord() || type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
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
                path.append(ShownText.escaped(ref.getFieldName()));
            }
        }
        return path.toString();
    }
}
