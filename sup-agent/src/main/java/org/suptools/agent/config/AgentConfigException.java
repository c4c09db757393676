package org.suptools.agent.config;

import java.nio.file.Path;
import java.util.List;
import org.suptools.model.problem.Problem;
import org.suptools.model.validation.FileProblemsException;

/**
 * An agent config that cannot be used, with every problem: one line each, naming the file and the
 * field, as {@code agent.yaml: fileEndpoint: must be an http or https URL, was 'ftp://x'}.
 */
public final class AgentConfigException extends FileProblemsException {

    public AgentConfigException(Path file, List<Problem> problems) {
        super(file, String.valueOf(file.getFileName()), problems);
    }
}
