package org.suptools.model.packaging;

import java.nio.file.Path;
import java.util.List;
import org.suptools.model.manifest.Manifest;
import org.suptools.model.signing.SignatureSet;

/**
 * A package that passed verification: its manifest, its signatures, and the key ids of the
 * trusted signers (empty when verified for integrity only).
 */
public record VerifiedPackage(Path file, Manifest manifest, SignatureSet signatures, List<String> trustedSigners) {

    public VerifiedPackage {
        trustedSigners = List.copyOf(trustedSigners);
    }
}
