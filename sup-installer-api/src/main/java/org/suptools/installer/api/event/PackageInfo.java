package org.suptools.installer.api.event;

import java.util.List;
import java.util.Optional;

/**
 * The package an install is about: name and version (absent until its manifest is read), the
 * file name, the SHA-256 of the .sup file, and the key ids of the trusted signers.
 */
public record PackageInfo(Optional<String> name, Optional<String> version, String fileName, String sha256,
        List<String> signers) {

    public PackageInfo {
        name = name == null ? Optional.empty() : name;
        version = version == null ? Optional.empty() : version;
        signers = signers == null ? List.of() : List.copyOf(signers);
    }

    /** A package known only by its file, before its manifest is read. */
    public static PackageInfo ofFile(String fileName, String sha256) {
        return new PackageInfo(Optional.empty(), Optional.empty(), fileName, sha256, List.of());
    }

    /** {@code acme-config 1.4.0}, or the file name while the manifest is not read. */
    public String label() {
        return name.map(n -> n + version.map(v -> " " + v).orElse("")).orElse(fileName);
    }
}
