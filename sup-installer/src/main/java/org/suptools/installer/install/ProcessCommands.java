package org.suptools.installer.install;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.suptools.installer.exec.CommandRunner;
import org.suptools.installer.process.ProcessResult;
import org.suptools.installer.process.ProcessRunner;

/** The actions' commands, run through the process runner (Commons Exec, a watchdog that kills the process tree). */
public final class ProcessCommands implements CommandRunner {

    private final ProcessRunner runner;

    public ProcessCommands(ProcessRunner runner) {
        this.runner = runner;
    }

    @Override
    public ProcessResult run(List<String> command, Optional<Path> workingDir, Map<String, String> environment,
            Duration timeout) throws IOException {
        return runner.run(command, workingDir.orElse(null), environment, timeout);
    }
}
