package org.suptools.model.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.suptools.model.problem.FileReasons;
import org.suptools.model.problem.Problem;
import org.suptools.model.problem.ShownText;

/**
 * Reads one small document that people write by hand (a spec, a gateway configuration): YAML, or
 * JSON when the name ends in {@code .json}, with the strict mappers of {@link SupJson}. Every
 * failure, from a missing file to a mistyped field, becomes one {@link Problem} located the way
 * the user wrote the document.
 */
public final class DocumentFiles {

    private DocumentFiles() {
    }

    /**
     * @param maxBytes a larger file is refused unread: it is a mistake, or an attack on the parser
     * @param kind     what the document is, for the refusal of a larger one ("a spec")
     */
    public static <T> T read(Path file, Class<T> type, long maxBytes, String kind) throws DocumentException {
        try (InputStream in = open(file, maxBytes, kind)) {
            T value = mapperFor(file).readValue(in, type);
            if (value == null) {
                throw new DocumentException(Problem.error("", "the file is empty"));
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new DocumentException(JsonProblems.of(e));
        } catch (IOException e) {
            throw new DocumentException(Problem.error("", FileReasons.whyUnreadable(file, e)));
        }
    }

    /**
     * Reads a document into a record field by field, so that every top-level field that cannot be
     * read is reported, not only the first: such a field is left null in the record and has its
     * problems in the result. Unknown fields are problems too. A file that cannot be read or
     * parsed at all still throws, with its one problem.
     */
    public static <R extends Record> FieldByField<R> readEachField(Path file, Class<R> type, long maxBytes, String kind)
            throws DocumentException {
        ObjectMapper mapper = mapperFor(file);
        JsonNode tree;
        try (InputStream in = open(file, maxBytes, kind)) {
            tree = mapper.readTree(in);
        } catch (JsonProcessingException e) {
            throw new DocumentException(JsonProblems.of(e));
        } catch (IOException e) {
            throw new DocumentException(Problem.error("", FileReasons.whyUnreadable(file, e)));
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new DocumentException(Problem.error("", "the file is empty"));
        }
        if (!tree.isObject()) {
            throw new DocumentException(Problem.error("", "must be a mapping of field names to values, not "
                    + (tree.isArray() ? "a list" : "a single value")));
        }
        RecordComponent[] components = type.getRecordComponents();
        List<Problem> problems = new ArrayList<>();
        Set<String> known = new TreeSet<>();
        for (RecordComponent component : components) {
            known.add(component.getName());
        }
        tree.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                problems.add(Problem.error(ShownText.escaped(name), "unknown field (known: " + String.join(", ", known)
                        + ")"));
            }
        });
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            types[i] = component.getType();
            JsonNode node = tree.get(component.getName());
            if (node == null) {
                continue;
            }
            JavaType javaType = mapper.getTypeFactory().constructType(component.getGenericType());
            try {
                values[i] = mapper.readerFor(javaType).readValue(mapper.treeAsTokens(node));
            } catch (JsonProcessingException e) {
                Problem inner = JsonProblems.of(e);
                problems.add(new Problem(inner.severity(), within(component.getName(), inner.location()),
                        inner.message()));
            } catch (IOException e) {
                problems.add(Problem.error(component.getName(), "cannot be read"));
            }
        }
        try {
            var constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return new FieldByField<>(constructor.newInstance(values), problems);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make a " + type.getSimpleName() + " of the fields read", e);
        }
    }

    private static String within(String field, String location) {
        if (location.isEmpty() || Problem.error(location, "").isPosition()) {
            return field;
        }
        return location.startsWith("[") ? field + location : field + "." + location;
    }

    /** The fields that could be read, and the problems of those that could not. */
    public record FieldByField<R>(R value, List<Problem> problems) {

        public FieldByField {
            problems = List.copyOf(problems);
        }
    }

    private static InputStream open(Path file, long maxBytes, String kind) throws IOException, DocumentException {
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new DocumentException(Problem.error("", "is " + FileReasons.kind(file) + ", not " + kind + " file"));
        }
        if (Files.size(file) > maxBytes) {
            throw new DocumentException(Problem.error("", "larger than " + maxBytes + " bytes; not " + kind));
        }
        return Files.newInputStream(file);
    }

    private static ObjectMapper mapperFor(Path file) {
        return file.toString().endsWith(".json") ? SupJson.json() : SupJson.yaml();
    }

    /** A document that cannot be read; the caller names the file. */
    public static final class DocumentException extends Exception {

        private final Problem problem;

        DocumentException(Problem problem) {
            super(problem.toString());
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }
}
