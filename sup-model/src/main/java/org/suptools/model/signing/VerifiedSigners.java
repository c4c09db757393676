package org.suptools.model.signing;

import java.util.List;

/**
 * The outcome of a successful verification: the ids of the trusted keys whose signatures
 * verified, and the ids of signing keys that are not in the trust store (their signatures were
 * not checked). Both sorted.
 */
public record VerifiedSigners(List<String> trustedKeyIds, List<String> untrustedKeyIds) {

    public VerifiedSigners {
        trustedKeyIds = List.copyOf(trustedKeyIds);
        untrustedKeyIds = List.copyOf(untrustedKeyIds);
    }
}
