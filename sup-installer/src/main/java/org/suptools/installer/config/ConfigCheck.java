package org.suptools.installer.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.suptools.model.problem.Problem;

/**
 * What checking a gateway config found: every problem (none when it can be used), the config
 * when there is none, and the ids of the trust store's keys when they could be read.
 */
public record ConfigCheck(Path file, List<Problem> problems, Optional<GatewayConfig> config, List<String> trustKeyIds) {

    public ConfigCheck {
        Objects.requireNonNull(file, "file");
        problems = List.copyOf(problems);
        Objects.requireNonNull(config, "config");
        trustKeyIds = List.copyOf(trustKeyIds);
        if (problems.isEmpty() == config.isEmpty()) {
            throw new IllegalArgumentException("a config is given exactly when there is no problem");
        }
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
