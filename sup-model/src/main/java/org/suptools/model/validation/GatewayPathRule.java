package org.suptools.model.validation;

import java.util.Optional;
import org.suptools.model.problem.ShownText;

/**
 * The static rule for paths written in a package. Gateway paths are relative to the runtime home
 * or absolute (the installer then checks them against its allowed roots, symlinks included);
 * either way a path must not climb out with {@code ..}. Payload names are always relative.
 */
public final class GatewayPathRule {

    private GatewayPathRule() {
    }

    /** Why a gateway path is refused, or empty when it is acceptable. */
    public static Optional<String> check(String path) {
        if (path.indexOf('\0') >= 0 || path.chars().anyMatch(c -> c < 0x20)) {
            return Optional.of("must not contain control characters");
        }
        if (path.contains("\\")) {
            return Optional.of(ShownText.quoted(path) + " must use '/' as the separator, not '\\'");
        }
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                return Optional.of(ShownText.quoted(path) + " must stay inside the runtime home (no '..')");
            }
        }
        return Optional.empty();
    }

    /** Why a path that must be relative (a payload name) is refused, or empty when it is acceptable. */
    public static Optional<String> checkRelative(String path) {
        if (path.startsWith("/") || path.matches("^[A-Za-z]:.*")) {
            return Optional.of(ShownText.quoted(path) + " must be relative to the payload directory");
        }
        return check(path).map(m -> m.replace("the runtime home", "the payload directory"));
    }
}
