package org.suptools.model.signing;

import java.util.Base64;
import java.util.Objects;

/**
 * One signature over the exact bytes of a package's {@code manifest.json}: the id of the signing
 * key, its algorithm and the signature itself in standard, padded base64. The value is kept in
 * its one canonical base64 spelling, so a signature set always serialises to the same bytes.
 */
public record PackageSignature(String keyId, KeyAlgorithm algorithm, String value) {

    public PackageSignature {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(value, "value");
        if (!KeyId.isWellFormed(keyId)) {
            throw new IllegalArgumentException("keyId: '" + keyId + "' is not " + KeyId.LENGTH + " lowercase hex digits");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("signature: not valid base64");
        }
        if (bytes.length == 0) {
            throw new IllegalArgumentException("signature: must not be empty");
        }
        if (!Base64.getEncoder().encodeToString(bytes).equals(value)) {
            throw new IllegalArgumentException("signature: not in canonical base64 (padded, no stray bits)");
        }
    }

    /** A signature from its raw bytes. */
    public static PackageSignature of(String keyId, KeyAlgorithm algorithm, byte[] signature) {
        return new PackageSignature(keyId, algorithm, Base64.getEncoder().encodeToString(signature));
    }

    /** The raw signature bytes. */
    public byte[] bytes() {
        return Base64.getDecoder().decode(value);
    }
}
