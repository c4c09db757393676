package org.suptools.installer;

import java.util.List;
import java.util.Objects;
import org.suptools.installer.api.InstallError;

/**
 * The package is refused before any change: it failed verification, is not for this gateway, or
 * its plan is not acceptable. Holds every problem found (one line each); the error says which
 * kind of refusal it is.
 */
public final class RefusedException extends Exception {

    private final InstallError error;
    private final List<String> problems;

    public RefusedException(InstallError error, String message) {
        this(error, List.of(message));
    }

    public RefusedException(InstallError error, List<String> problems) {
        super(String.join("; ", problems));
        this.error = Objects.requireNonNull(error, "error");
        this.problems = List.copyOf(problems);
    }

    public RefusedException(InstallError error, String message, Throwable cause) {
        super(message, cause);
        this.error = Objects.requireNonNull(error, "error");
        this.problems = List.of(message);
    }

    public InstallError error() {
        return error;
    }

    public List<String> problems() {
        return problems;
    }
}
