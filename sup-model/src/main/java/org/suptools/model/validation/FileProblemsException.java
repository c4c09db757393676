package org.suptools.model.validation;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.suptools.model.problem.Problem;

/**
 * A file that cannot be used, with every problem found in it. The message names the file and
 * lists the problems one per line, as {@code <file>: actions[2].source: no such payload file 'fw.bin'}.
 */
public abstract class FileProblemsException extends Exception {

    private final Path file;
    private final List<Problem> problems;

    /** @param shownAs how the message names the file */
    protected FileProblemsException(Path file, String shownAs, List<Problem> problems) {
        super(problems.stream().map(p -> p.in(shownAs)).collect(Collectors.joining(System.lineSeparator())));
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
