package org.suptools.workbench.service;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.suptools.model.manifest.Manifest;

/**
 * A package opened read-only: its manifest, each signature with whether the chosen trust store
 * trusts it, and the problem found, if the package did not verify.
 */
public record OpenedPackage(Path file, long size, String sha256, Manifest manifest, List<SignatureInfo> signatures,
        Optional<String> trustStore, Optional<String> problem) {

    public OpenedPackage {
        signatures = List.copyOf(signatures);
    }

    /** One signature: key id, algorithm, and trust (empty when no trust store was given). */
    public record SignatureInfo(String keyId, String algorithm, Optional<Boolean> trusted) {
    }
}
