package org.suptools.model.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.suptools.model.problem.Problem;

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
        try {
            if (Files.size(file) > maxBytes) {
                throw new DocumentException(Problem.error("", "larger than " + maxBytes + " bytes; not " + kind));
            }
            try (InputStream in = Files.newInputStream(file)) {
                T value = mapperFor(file).readValue(in, type);
                if (value == null) {
                    throw new DocumentException(Problem.error("", "the file is empty"));
                }
                return value;
            }
        } catch (JsonProcessingException e) {
            throw new DocumentException(JsonProblems.of(e));
        } catch (NoSuchFileException e) {
            throw new DocumentException(Problem.error("", "no such file"));
        } catch (IOException e) {
            throw new DocumentException(Problem.error("", "cannot read: " + e.getMessage()));
        }
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
