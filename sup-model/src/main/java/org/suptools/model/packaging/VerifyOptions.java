package org.suptools.model.packaging;

import java.time.Instant;
import java.util.Optional;
import org.suptools.model.archive.ArchiveLimits;
import org.suptools.model.signing.TrustStore;

/**
 * How strictly to verify: the trust store and how many of its keys must have signed, whether an
 * unsigned package is acceptable (only without a trust store), the instant expiry is judged at,
 * and the archive limits.
 */
public record VerifyOptions(Optional<TrustStore> trust, int threshold, boolean allowUnsigned, Instant now,
        ArchiveLimits limits) {

    public VerifyOptions {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold: must be at least 1, was " + threshold);
        }
        if (trust.isPresent() && allowUnsigned) {
            throw new IllegalArgumentException("allowUnsigned: cannot be combined with a trust store");
        }
    }

    /** Signatures required and checked against this trust store, threshold 1. */
    public static VerifyOptions trusting(TrustStore trust, Instant now) {
        return new VerifyOptions(Optional.of(trust), 1, false, now, ArchiveLimits.DEFAULTS);
    }

    /** Structure and payloads checked; signatures, if any, are listed but not trusted. */
    public static VerifyOptions integrityOnly(Instant now) {
        return new VerifyOptions(Optional.empty(), 1, true, now, ArchiveLimits.DEFAULTS);
    }

    public VerifyOptions withThreshold(int newThreshold) {
        return new VerifyOptions(trust, newThreshold, allowUnsigned, now, limits);
    }
}
