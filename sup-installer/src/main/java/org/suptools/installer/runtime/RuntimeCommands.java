package org.suptools.installer.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the gateway's runtime is controlled: the start, stop and status commands of the gateway
 * config (argument lists, run without a shell) and how long to wait for them.
 *
 * <p>The status command's exit code is the runtime's state: 0 running and healthy, 1 not running,
 * 2 running but unhealthy, anything else unknown.
 *
 * @param start            starts the runtime; may return before it is healthy
 * @param stop             stops the runtime; 0 also when it was not running
 * @param status           reports the runtime's state through its exit code
 * @param commandTimeout   how long one run of any of the three may take before it is killed
 * @param healthWait       after start, how long the status may take to say healthy
 * @param pollInterval     pause between two runs of the status command while waiting
 * @param workingDirectory where the commands run; empty for the installer's working directory
 * @param environment      variables added to the installer's environment for the commands
 */
public record RuntimeCommands(
        List<String> start,
        List<String> stop,
        List<String> status,
        Duration commandTimeout,
        Duration healthWait,
        Duration pollInterval,
        Optional<Path> workingDirectory,
        Map<String, String> environment) {

    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(250);

    public RuntimeCommands {
        start = command(start, "start");
        stop = command(stop, "stop");
        status = command(status, "status");
        positive(commandTimeout, "commandTimeout");
        positive(healthWait, "healthWait");
        positive(pollInterval, "pollInterval");
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    }

    /** Status polled every 250 ms; the commands run in the installer's working directory and environment. */
    public RuntimeCommands(List<String> start, List<String> stop, List<String> status, Duration commandTimeout, Duration healthWait) {
        this(start, stop, status, commandTimeout, healthWait, DEFAULT_POLL_INTERVAL, Optional.empty(), Map.of());
    }

    public RuntimeCommands withPollInterval(Duration interval) {
        return new RuntimeCommands(start, stop, status, commandTimeout, healthWait, interval, workingDirectory, environment);
    }

    public RuntimeCommands withWorkingDirectory(Path directory) {
        return new RuntimeCommands(start, stop, status, commandTimeout, healthWait, pollInterval,
                Optional.of(directory), environment);
    }

    public RuntimeCommands withEnvironment(Map<String, String> variables) {
        return new RuntimeCommands(start, stop, status, commandTimeout, healthWait, pollInterval, workingDirectory, variables);
    }

    private static List<String> command(List<String> command, String field) {
        if (command == null || command.isEmpty() || command.get(0) == null || command.get(0).isBlank()) {
            throw new IllegalArgumentException(field + ": must name a program");
        }
        for (int i = 0; i < command.size(); i++) {
            if (command.get(i) == null) {
                throw new IllegalArgumentException(field + "[" + i + "]: must not be null");
            }
        }
        return List.copyOf(command);
    }

    private static void positive(Duration duration, String field) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(field + ": must be a positive duration, was " + duration);
        }
    }
}
