package org.suptools.e2e.spec;

/** A package the reader refuses, with the reason's name as {@code sup verify --json} spells it. */
public final class Rejection extends Exception {

    /** Why, in the order of the verification steps of docs/format.md section 4. */
    public enum Reason {
        NOT_A_ZIP, TRUNCATED, UNSAFE_ENTRY_NAME, DUPLICATE_ENTRY, SPECIAL_ENTRY, MANIFEST_NOT_FIRST,
        OVERLAPPING_ENTRIES, MANIFEST_TOO_LARGE, INVALID_MANIFEST, UNSUPPORTED_FORMAT_VERSION, INVALID_SIGNATURES, BAD_SIGNATURE,
        UNTRUSTED_SIGNER, UNSIGNED, THRESHOLD_NOT_MET, EXPIRED, UNLISTED_ENTRY, MISSING_PAYLOAD, SIZE_MISMATCH,
        COMPRESSION_RATIO, HASH_MISMATCH, PAYLOAD_TOO_LONG
    }

    private final Reason reason;

    Rejection(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
