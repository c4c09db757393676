package org.suptools.model.gateway;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.suptools.model.validation.Problem;

/**
 * A gateway configuration file whose identity cannot be read. Holds every problem found; the
 * message names the file and lists them one per line, as {@code gateway.yaml: identity.os: is required}.
 */
public final class GatewayFileException extends Exception {

    private final Path file;
    private final List<Problem> problems;

    public GatewayFileException(Path file, List<Problem> problems) {
        super(problems.stream().map(p -> file + ": " + p).collect(Collectors.joining(System.lineSeparator())));
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    public Path file() {
        return file;
    }

    public List<Problem> problems() {
        return problems;
    }
}
