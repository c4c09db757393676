package org.suptools.model.problem;

import java.util.Objects;

/**
 * One thing wrong (or worth a warning) in a spec or package, located the way the user wrote it:
 * {@code actions[2].source: no such payload file 'fw.bin'}.
 */
public record Problem(Severity severity, String location, String message) {

    public enum Severity {
        ERROR,
        WARNING
    }

    public Problem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
    }

    public static Problem error(String location, String message) {
        return new Problem(Severity.ERROR, location, message);
    }

    public static Problem warning(String location, String message) {
        return new Problem(Severity.WARNING, location, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        String prefix = severity == Severity.WARNING ? "warning: " : "";
        return location.isEmpty() ? prefix + message : prefix + location + ": " + message;
    }
}
