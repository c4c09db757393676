package org.suptools.workbench.service;

import java.nio.file.Path;
import java.util.Objects;
import org.suptools.model.signing.KeyAlgorithm;
import org.suptools.model.signing.KeyId;

/**
 * A signing key the Workbench remembers: where its private key file is, the key id and algorithm
 * it had when it was made or added, the user's label for it, and whether it signs the next build.
 * The key itself is never copied: only this, in {@code keys.json} ({@link KeyRing}).
 *
 * @param file the private key file, absolute
 * @param keyId the 16 hex digits {@code sup inspect} shows for the key's signatures
 */
public record SigningKeyEntry(Path file, String keyId, KeyAlgorithm algorithm, String label, boolean signs) {

    public SigningKeyEntry {
        Objects.requireNonNull(file, "file");
        if (!file.isAbsolute()) {
            throw new IllegalArgumentException("file: must be an absolute path, was '" + file + "'");
        }
        file = file.normalize();
        if (!KeyId.isWellFormed(keyId)) {
            throw new IllegalArgumentException("keyId: must be 16 lower-case hex digits, was '" + keyId + "'");
        }
        Objects.requireNonNull(algorithm, "algorithm");
        label = label(label);
    }

    /** Checks a label as the user typed it: one line, not blank, at most 80 characters; trimmed. */
    public static String label(String label) {
        Objects.requireNonNull(label, "label");
        String trimmed = label.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("label: must not be blank");
        }
        if (trimmed.length() > 80 || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("label: one line of at most 80 characters");
        }
        return trimmed;
    }

    public SigningKeyEntry signing(boolean now) {
        return new SigningKeyEntry(file, keyId, algorithm, label, now);
    }
}
