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

    /**
     * An error at a place in the text rather than at a field (a syntax error): its location is
     * {@code line:column}, both counted from 1, so that it reads {@code gateway.yaml:7:3: ...}.
     */
    public static Problem atPosition(int line, int column, String message) {
        return error(line + ":" + column, message);
    }

    /** Whether the location is a {@code line:column} position in the text, not a field. */
    public boolean isPosition() {
        return location.matches("\\d+:\\d+");
    }

    /**
     * The problem as one line naming its file: {@code gateway.yaml: runtime.start: is required},
     * or {@code gateway.yaml:7:3: not valid YAML: ...} for a position.
     */
    public String in(String file) {
        return isPosition() ? file + ":" + this : file + ": " + this;
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
