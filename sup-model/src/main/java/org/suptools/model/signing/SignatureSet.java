package org.suptools.model.signing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.suptools.model.InvalidPackageException;

/**
 * The signatures of a package, at most one per key, kept sorted by key id. Its JSON form is
 * canonical: the same set always gives the same bytes.
 */
public record SignatureSet(List<PackageSignature> signatures) {

    /** Largest signatures file accepted, in bytes: room for hundreds of signatures. */
    public static final int MAX_JSON_SIZE = 64 * 1024;

    private static final SignatureSet EMPTY = new SignatureSet(List.of());

    /** @throws IllegalArgumentException if two signatures have the same key id */
    public SignatureSet {
        List<PackageSignature> sorted = new ArrayList<>(signatures);
        sorted.forEach(signature -> Objects.requireNonNull(signature, "signatures: null entry"));
        sorted.sort(Comparator.comparing(PackageSignature::keyId));
        Set<String> seen = new HashSet<>();
        for (PackageSignature signature : sorted) {
            if (!seen.add(signature.keyId())) {
                throw new IllegalArgumentException("signatures: more than one signature by key " + signature.keyId());
            }
        }
        signatures = List.copyOf(sorted);
    }

    /** The set with no signatures. */
    public static SignatureSet empty() {
        return EMPTY;
    }

    public boolean isEmpty() {
        return signatures.isEmpty();
    }

    /**
     * This set plus the given signature, replacing any earlier signature by the same key, so
     * signing again with one key never adds a second signature.
     */
    public SignatureSet with(PackageSignature signature) {
        Objects.requireNonNull(signature, "signature");
        List<PackageSignature> updated = new ArrayList<>(signatures);
        updated.removeIf(existing -> existing.keyId().equals(signature.keyId()));
        updated.add(signature);
        return new SignatureSet(updated);
    }

    /**
     * The canonical JSON encoding, UTF-8 with a trailing newline and no other whitespace:
     * {@code {"signatures":[{"keyId":"…","algorithm":"ed25519","signature":"…"}]}}.
     */
    public byte[] toJson() {
        // Every field is hex, a fixed algorithm name or base64, so nothing ever needs escaping.
        StringBuilder json = new StringBuilder("{\"signatures\":[");
        for (int i = 0; i < signatures.size(); i++) {
            PackageSignature signature = signatures.get(i);
            if (i > 0) {
                json.append(',');
            }
            json.append("{\"keyId\":\"").append(signature.keyId())
                    .append("\",\"algorithm\":\"").append(signature.algorithm().id())
                    .append("\",\"signature\":\"").append(signature.value())
                    .append("\"}");
        }
        return json.append("]}\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads a signatures file. Whitespace is free; anything else out of place (unknown fields,
     * unknown algorithms, bad base64, two signatures by one key, more than
     * {@value #MAX_JSON_SIZE} bytes) is refused.
     *
     * @param fileName names the file in error messages
     * @throws InvalidPackageException with reason {@code INVALID_SIGNATURES}
     */
    public static SignatureSet parse(byte[] json, String fileName) throws InvalidPackageException {
        return SignatureSetParser.parse(json, fileName);
    }
}
