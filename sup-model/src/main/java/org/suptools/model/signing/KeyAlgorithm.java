package org.suptools.model.signing;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The signature algorithms a package may be signed with. Each has one stable {@link #id() name},
 * used in {@code signatures.json} and on the command line, and one fixed set of parameters, so a
 * signature never depends on provider defaults.
 */
public enum KeyAlgorithm {

    /**
     * EdDSA over Curve25519 (RFC 8032): deterministic, 64-byte signatures; OpenSSL equivalent
     * {@code openssl pkeyutl -sign -rawin}.
     */
    ED25519("ed25519"),

    /**
     * ECDSA over NIST P-256 (secp256r1, prime256v1) with SHA-256; signatures are the fixed
     * 64-byte IEEE P1363 form {@code r || s} (as in JWS ES256), not ASN.1 DER: a fixed length
     * lets the builder reserve the signature entry before the payload hashes are known, and so
     * build in one pass over the payloads. {@code openssl dgst -sha256 -sign} writes DER; convert
     * with {@link EcdsaSignatures}.
     */
    ECDSA_P256("ecdsa-p256"),

    /**
     * RSASSA-PSS with SHA-256, MGF1 with SHA-256, a 32-byte salt and trailer field 1. Keys are
     * generated at {@value #RSA_GENERATED_BITS} bits; keys of at least {@value #RSA_MIN_BITS}
     * bits are accepted. OpenSSL equivalent: {@code openssl dgst -sha256 -sigopt
     * rsa_padding_mode:pss -sigopt rsa_pss_saltlen:32 -sigopt rsa_mgf1_md:sha256}.
     */
    RSA_PSS("rsa-pss");

    /** Size of the RSA keys this tool generates. */
    public static final int RSA_GENERATED_BITS = 3072;

    /** Smallest RSA modulus accepted for signing or verifying. */
    public static final int RSA_MIN_BITS = 2048;

    private static final PSSParameterSpec PSS_PARAMETERS =
            new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);

    private final String id;

    KeyAlgorithm(String id) {
        this.id = id;
    }

    /** The stable name, as written in {@code signatures.json}: {@code ed25519}, {@code ecdsa-p256}, {@code rsa-pss}. */
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }

    /**
     * The algorithm with the given name, ignoring case. Besides each {@link #id()} this accepts
     * {@code rsa-3072}, the command line's name for generating an {@link #RSA_PSS} key.
     *
     * @throws IllegalArgumentException naming the known algorithms if {@code name} is none of them
     */
    public static KeyAlgorithm fromName(String name) {
        Objects.requireNonNull(name, "name");
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        if (wanted.equals("rsa-3072")) {
            return RSA_PSS;
        }
        for (KeyAlgorithm algorithm : values()) {
            if (algorithm.id.equals(wanted)) {
                return algorithm;
            }
        }
        throw new IllegalArgumentException("unknown key algorithm '" + name + "' (known: " + knownNames() + ")");
    }

    /**
     * The algorithm whose {@link #id()} is exactly {@code id}, as files must spell it: no case
     * folding, no aliases.
     */
    public static Optional<KeyAlgorithm> forId(String id) {
        return Arrays.stream(values()).filter(algorithm -> algorithm.id.equals(id)).findFirst();
    }

    /** The names {@link #fromName} accepts, comma separated, for messages. */
    public static String knownNames() {
        return Arrays.stream(values()).map(KeyAlgorithm::id).collect(Collectors.joining(", ")) + ", rsa-3072";
    }

    /**
     * The algorithm a public or private key signs with.
     *
     * @throws IllegalArgumentException if the key is of another type, an EC key is not on P-256,
     *     or an RSA key is shorter than {@value #RSA_MIN_BITS} bits
     */
    public static KeyAlgorithm of(Key key) {
        Objects.requireNonNull(key, "key");
        if (key instanceof EdECKey edKey) {
            String curve = edKey.getParams().getName();
            if (curve.equalsIgnoreCase("Ed25519")) {
                return ED25519;
            }
            throw new IllegalArgumentException("unsupported EdDSA curve " + curve + "; only Ed25519 is supported");
        }
        if (key instanceof ECKey ecKey) {
            if (P256.isP256(ecKey.getParams())) {
                return ECDSA_P256;
            }
            int bits = ecKey.getParams().getCurve().getField().getFieldSize();
            throw new IllegalArgumentException("unsupported EC curve (" + bits
                    + "-bit field); only P-256 (prime256v1, secp256r1) is supported");
        }
        if (key instanceof RSAKey rsaKey) {
            int bits = rsaKey.getModulus().bitLength();
            if (bits < RSA_MIN_BITS) {
                throw new IllegalArgumentException("RSA key of " + bits + " bits is too short; at least "
                        + RSA_MIN_BITS + " bits are required");
            }
            return RSA_PSS;
        }
        throw new IllegalArgumentException("unsupported key algorithm '" + key.getAlgorithm()
                + "'; supported: ed25519, ecdsa-p256 (P-256), rsa-pss (RSA)");
    }

    /** A fresh, fully parameterised JCA signature engine for this algorithm. */
    Signature newSignature() {
        try {
            return switch (this) {
                case ED25519 -> Signature.getInstance("Ed25519");
                case ECDSA_P256 -> Signature.getInstance("SHA256withECDSAinP1363Format");
                case RSA_PSS -> {
                    Signature signature = Signature.getInstance("RSASSA-PSS");
                    signature.setParameter(PSS_PARAMETERS);
                    yield signature;
                }
            };
        } catch (GeneralSecurityException e) {
            // Every JDK 17 ships these engines; missing one means a broken runtime, not bad input.
            throw new IllegalStateException("the Java runtime lacks " + id + " signatures", e);
        }
    }
}
