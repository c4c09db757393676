package org.suptools.model.signing;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The stable id of a public key: the first 16 lowercase hex digits of the SHA-256 of its
 * SubjectPublicKeyInfo DER encoding. The same key has the same id whichever file form it was read
 * from. For every key but an RSA key tagged RSASSA-PSS (see {@link #of}) it equals
 * {@code openssl pkey -pubin -in key.pub -outform DER | sha256sum | cut -c1-16}.
 */
public final class KeyId {

    /** Number of hex digits in an id. */
    public static final int LENGTH = 16;

    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{" + LENGTH + "}");

    private KeyId() {
    }

    /**
     * The id of a public key. RSA keys are hashed in their plain {@code rsaEncryption} encoding,
     * so a key tagged as RSASSA-PSS in its file has the same id as the same modulus untagged.
     *
     * @throws IllegalArgumentException if the key is not of a supported algorithm
     */
    public static String of(PublicKey key) {
        KeyAlgorithm.of(Objects.requireNonNull(key, "key"));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(subjectPublicKeyInfo(key));
            return HexFormat.of().formatHex(digest).substring(0, LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode the public key", e);
        }
    }

    /** True if the text has the form of a key id: 16 lowercase hex digits. */
    public static boolean isWellFormed(String text) {
        return text != null && FORMAT.matcher(text).matches();
    }

    private static byte[] subjectPublicKeyInfo(PublicKey key) throws GeneralSecurityException {
        if (key instanceof RSAPublicKey rsa) {
            return KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()))
                    .getEncoded();
        }
        return key.getEncoded();
    }
}
