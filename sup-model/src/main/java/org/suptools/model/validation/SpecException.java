package org.suptools.model.validation;

import java.nio.file.Path;
import java.util.List;
import org.suptools.model.problem.Problem;

/**
 * A spec that cannot be built: it does not parse, or the whole-package checks found errors. Holds
 * every problem; the message names the file and lists them one per line.
 */
public final class SpecException extends FileProblemsException {

    public SpecException(Path file, List<Problem> problems) {
        super(file, file.toString(), problems);
    }
}
