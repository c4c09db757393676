package org.suptools.model.signing;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.suptools.model.InvalidPackageException;
import org.suptools.model.InvalidPackageException.Reason;

/** Decides whether a package's signatures make its manifest trustworthy. */
public final class SignatureVerifier {

    private SignatureVerifier() {
    }

    /**
     * Checks every signature by a trusted key against the exact manifest bytes and requires at
     * least {@code threshold} distinct trusted keys to have signed. Signatures by keys outside the
     * trust store cannot be checked; they are reported, never counted.
     *
     * @throws IllegalArgumentException if {@code threshold} is less than 1
     * @throws InvalidPackageException with reason {@code UNSIGNED} if there are no signatures;
     *     {@code BAD_SIGNATURE} if any signature by a trusted key does not verify, even when
     *     others do; {@code UNTRUSTED_SIGNER} if no signer is trusted; {@code THRESHOLD_NOT_MET}
     *     if some but too few are
     */
    public static VerifiedSigners verify(byte[] manifestBytes, SignatureSet signatures, TrustStore trust, int threshold)
            throws InvalidPackageException {
        Objects.requireNonNull(manifestBytes, "manifestBytes");
        Objects.requireNonNull(signatures, "signatures");
        Objects.requireNonNull(trust, "trust");
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold: must be at least 1, was " + threshold);
        }
        if (signatures.isEmpty()) {
            throw new InvalidPackageException(Reason.UNSIGNED, "the package is not signed");
        }
        // A signature set holds one signature per key, so these lists never repeat a key.
        List<String> trusted = new ArrayList<>();
        List<String> untrusted = new ArrayList<>();
        for (PackageSignature signature : signatures.signatures()) {
            Optional<PublicKey> key = trust.find(signature.keyId());
            if (key.isPresent()) {
                check(manifestBytes, signature, key.get());
                trusted.add(signature.keyId());
            } else {
                untrusted.add(signature.keyId());
            }
        }
        if (trusted.isEmpty()) {
            throw new InvalidPackageException(Reason.UNTRUSTED_SIGNER, "signed by key(s) " + String.join(", ", untrusted)
                    + ", none of which is in the trust store " + trust.source()
                    + (trust.isEmpty() ? " (it holds no keys)" : ""));
        }
        if (trusted.size() < threshold) {
            throw new InvalidPackageException(Reason.THRESHOLD_NOT_MET, threshold + " trusted signatures required, found "
                    + trusted.size() + " (" + String.join(", ", trusted) + ")"
                    + (untrusted.isEmpty() ? "" : "; also signed by untrusted key(s) " + String.join(", ", untrusted)));
        }
        return new VerifiedSigners(trusted, untrusted);
    }

    private static void check(byte[] manifestBytes, PackageSignature signature, PublicKey key)
            throws InvalidPackageException {
        KeyAlgorithm keyAlgorithm = KeyAlgorithm.of(key);
        if (keyAlgorithm != signature.algorithm()) {
            throw bad(signature, "claims algorithm " + signature.algorithm() + " but the trusted key is " + keyAlgorithm);
        }
        boolean valid;
        try {
            Signature verifier = keyAlgorithm.newSignature();
            verifier.initVerify(key);
            verifier.update(manifestBytes);
            valid = verifier.verify(signature.bytes());
        } catch (GeneralSecurityException e) {
            // A malformed signature value (for instance broken ECDSA DER) is as bad as a wrong one.
            valid = false;
        }
        if (!valid) {
            throw bad(signature, "does not verify: the manifest was changed after signing or the signature is corrupt");
        }
    }

    private static InvalidPackageException bad(PackageSignature signature, String problem) {
        return new InvalidPackageException(Reason.BAD_SIGNATURE,
                "signature by trusted key " + signature.keyId() + " " + problem);
    }
}
