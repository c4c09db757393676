package org.suptools.model;

import java.util.Objects;

/**
 * A package that must not be used: malformed, tampered with, hostile, untrusted or expired.
 * The {@link Reason} says which refusal it is, so callers map it to an exit code and tests
 * assert the exact case; the message is one line for people, naming the file and the entry or
 * field at fault.
 */
public final class InvalidPackageException extends Exception {

    /** Every way a package is refused. Stable: exit codes and reports are derived from it. */
    public enum Reason {
        NOT_A_ZIP,
        TRUNCATED,
        UNSAFE_ENTRY_NAME,
        DUPLICATE_ENTRY,
        SPECIAL_ENTRY,
        MANIFEST_NOT_FIRST,
        MANIFEST_TOO_LARGE,
        INVALID_MANIFEST,
        UNSUPPORTED_FORMAT_VERSION,
        UNLISTED_ENTRY,
        MISSING_PAYLOAD,
        SIZE_MISMATCH,
        HASH_MISMATCH,
        PAYLOAD_TOO_LONG,
        COMPRESSION_RATIO,
        INVALID_SIGNATURES,
        BAD_SIGNATURE,
        UNTRUSTED_SIGNER,
        UNSIGNED,
        THRESHOLD_NOT_MET,
        EXPIRED,
        OVERLAPPING_ENTRIES
    }

    private final Reason reason;

    public InvalidPackageException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public InvalidPackageException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
