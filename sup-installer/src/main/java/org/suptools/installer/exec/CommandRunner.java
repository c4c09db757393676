package org.suptools.installer.exec;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.suptools.installer.process.ProcessResult;

/**
 * Runs one command (an argument list, no shell) to its end or until its timeout, when it is
 * killed. The executors of {@code command.run}, {@code script.run}, {@code package.install} and
 * {@code verify} use it; the installer passes one backed by the process runner.
 */
@FunctionalInterface
public interface CommandRunner {

    /**
     * @param environment added to the installer's own environment
     * @throws IOException when the command cannot be started at all
     */
    ProcessResult run(List<String> command, Optional<Path> workingDir, Map<String, String> environment,
            Duration timeout) throws IOException;
}
