package org.suptools.model.action;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a condition and fails the package when it does not hold: a file exists
 * ({@code path}), a file has a SHA-256 ({@code path}, {@code sha256}), or a command exits 0
 * ({@code command}). Nothing to undo.
 */
public record Verify(ActionHeader header, VerifyCheck check, Optional<String> path, Optional<String> sha256,
        List<String> command) implements Action {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public Verify {
        java.util.Objects.requireNonNull(header, "header");
        if (check == null) {
            throw new IllegalArgumentException("check: is required (file-exists, file-hash or command)");
        }
        path = Fields.optional(path);
        sha256 = Fields.optional(sha256);
        command = Fields.list(command, "command");
        sha256.ifPresent(hash -> {
            if (!SHA256_HEX.matcher(hash).matches()) {
                throw new IllegalArgumentException("sha256: '" + hash + "' is not 64 lowercase hex digits");
            }
        });
        switch (check) {
            case FILE_EXISTS -> requirePath(path);
            case FILE_HASH -> {
                requirePath(path);
                if (sha256.isEmpty()) {
                    throw new IllegalArgumentException("sha256: is required for check file-hash");
                }
            }
            case COMMAND -> {
                if (command.isEmpty()) {
                    throw new IllegalArgumentException("command: is required for check command");
                }
            }
        }
    }

    private static void requirePath(Optional<String> path) {
        if (path.isEmpty() || path.get().isBlank()) {
            throw new IllegalArgumentException("path: is required for this check");
        }
    }

    @Override
    public Verify withHeader(ActionHeader newHeader) {
        return new Verify(newHeader, check, path, sha256, command);
    }

    @Override
    public List<FieldValue> gatewayPaths() {
        return path.map(p -> List.of(new FieldValue("path", p))).orElse(List.of());
    }

    @Override
    public String summary() {
        return switch (check) {
            case FILE_EXISTS -> "check " + path.orElseThrow() + " exists";
            case FILE_HASH -> "check sha256 of " + path.orElseThrow();
            case COMMAND -> "check that '" + String.join(" ", command) + "' exits 0";
        };
    }
}
