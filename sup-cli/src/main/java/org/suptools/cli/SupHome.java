package org.suptools.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The root of the SUP source tree, when sup runs from one: bin/sup passes it as the system
 * property {@code sup.home}; {@code SUP_HOME} in the environment works too. Used for the sample
 * packages of the demo and the schema path in new specs; nothing else depends on it.
 */
public final class SupHome {

    public static final String PROPERTY = "sup.home";
    public static final String ENVIRONMENT = "SUP_HOME";

    private SupHome() {
    }

    public static Optional<Path> find() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            value = System.getenv(ENVIRONMENT);
        }
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Path home = Path.of(value).toAbsolutePath().normalize();
        return Files.isDirectory(home) ? Optional.of(home) : Optional.empty();
    }
}
