package org.suptools.model.manifest;

import java.util.Optional;
import org.suptools.model.version.VersionRange;

/**
 * A kind of gateway the package is made for. {@code *} matches any product, OS or architecture;
 * an absent runtime-version range matches any runtime version.
 */
public record Target(String product, String os, String architecture, Optional<VersionRange> runtimeVersion) {

    public static final String ANY = "*";

    public Target {
        requireText(product, "product");
        requireText(os, "os");
        requireText(architecture, "architecture");
        runtimeVersion = runtimeVersion == null ? Optional.empty() : runtimeVersion;
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + ": is required (use \"*\" for any)");
        }
    }

    @Override
    public String toString() {
        return product + "/" + os + "/" + architecture + runtimeVersion.map(r -> " runtime " + r).orElse("");
    }
}
