package org.suptools.model.validation;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A spec that cannot be built: it does not parse, or the whole-package checks found errors. Holds
 * every problem; the message names the file and lists them one per line.
 */
public final class SpecException extends Exception {

    private final Path file;
    private final List<Problem> problems;

    public SpecException(Path file, List<Problem> problems) {
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
