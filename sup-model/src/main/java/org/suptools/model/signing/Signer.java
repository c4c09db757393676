package org.suptools.model.signing;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Objects;

/** Signs the exact bytes of a package's {@code manifest.json}. */
public final class Signer {

    private Signer() {
    }

    /**
     * Signs the manifest bytes with the key's algorithm. The key id is that of the public key
     * derived from the private one. Ed25519 signatures are deterministic, so signing the same
     * bytes twice gives the same signature; ECDSA and RSA-PSS signatures are randomised.
     *
     * @throws IllegalArgumentException if the key is not of a supported algorithm
     */
    public static PackageSignature sign(byte[] manifestBytes, PrivateKey key) {
        Objects.requireNonNull(manifestBytes, "manifestBytes");
        KeyAlgorithm algorithm = KeyAlgorithm.of(Objects.requireNonNull(key, "key"));
        PublicKey publicKey = PemKeys.publicKeyOf(key);
        String keyId = KeyId.of(publicKey);
        try {
            Signature signer = algorithm.newSignature();
            signer.initSign(key);
            signer.update(manifestBytes);
            byte[] signature = signer.sign();
            // Checking our own signature catches a wrongly derived public key (hence a wrong key id)
            // and a faulty signing computation before anything is published.
            Signature verifier = algorithm.newSignature();
            verifier.initVerify(publicKey);
            verifier.update(manifestBytes);
            if (!verifier.verify(signature)) {
                throw new IllegalStateException("the " + algorithm + " signature by key " + keyId
                        + " does not verify with its own public key; refusing to use it");
            }
            return PackageSignature.of(keyId, algorithm, signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + algorithm + " key " + keyId + ": " + e.getMessage(), e);
        }
    }
}
