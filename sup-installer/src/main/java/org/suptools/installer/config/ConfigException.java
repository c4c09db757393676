package org.suptools.installer.config;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.suptools.model.validation.Problem;

/**
 * A gateway configuration that cannot be used. Holds every problem found; the message names the
 * file and lists them one per line, as {@code gateway.yaml: runtime.start: is required}.
 */
public final class ConfigException extends Exception {

    private final Path file;
    private final List<Problem> problems;

    public ConfigException(Path file, List<Problem> problems) {
        super(problems.stream().map(p -> file.getFileName() + ": " + p).collect(Collectors.joining(System.lineSeparator())));
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
