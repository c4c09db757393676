package org.suptools.installer.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the installer controls the gateway runtime: the start, stop and status commands (argument
 * lists, no shell; a relative program path is already resolved against the runtime home), how
 * long one command may run, and how long to wait for the runtime to report healthy after a start.
 */
public record RuntimeSettings(List<String> start, List<String> stop, List<String> status, Duration commandTimeout,
        Duration healthWait) {

    public RuntimeSettings {
        start = List.copyOf(start);
        stop = List.copyOf(stop);
        status = List.copyOf(status);
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(healthWait, "healthWait");
    }
}
