package org.suptools.model.gateway;

import java.nio.file.Path;
import java.util.List;
import org.suptools.model.problem.Problem;
import org.suptools.model.validation.FileProblemsException;

/**
 * A gateway configuration that cannot be used, or (for {@code sup plan}) whose identity section
 * cannot. Holds every problem found; the message names the file and lists them one per line, as
 * {@code gateway.yaml: runtime.start: is required}.
 */
public final class ConfigException extends FileProblemsException {

    public ConfigException(Path file, List<Problem> problems) {
        super(file, String.valueOf(file.getFileName()), problems);
    }
}
