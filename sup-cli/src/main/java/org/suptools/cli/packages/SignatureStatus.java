package org.suptools.cli.packages;

import java.util.Locale;
import org.suptools.model.InvalidPackageException;
import org.suptools.model.signing.PackageSignature;
import org.suptools.model.signing.SignatureSet;
import org.suptools.model.signing.SignatureVerifier;
import org.suptools.model.signing.TrustStore;

/** What one signature is worth against a trust store, for display: inspect decides nothing with it. */
public enum SignatureStatus {
    TRUSTED,
    UNTRUSTED,
    BAD_SIGNATURE;

    public static SignatureStatus of(PackageSignature signature, byte[] manifestBytes, TrustStore trust) {
        if (trust.find(signature.keyId()).isEmpty()) {
            return UNTRUSTED;
        }
        try {
            SignatureVerifier.verify(manifestBytes, SignatureSet.empty().with(signature), trust, 1);
            return TRUSTED;
        } catch (InvalidPackageException e) {
            return BAD_SIGNATURE;
        }
    }

    /** {@code trusted}, {@code untrusted}, {@code bad-signature}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
