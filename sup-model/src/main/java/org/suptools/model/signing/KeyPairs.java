package org.suptools.model.signing;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Objects;

/** Generates new signing key pairs with the JDK's default secure randomness. */
public final class KeyPairs {

    private KeyPairs() {
    }

    /**
     * A fresh key pair: Ed25519, P-256, or {@value KeyAlgorithm#RSA_GENERATED_BITS}-bit RSA with
     * public exponent 65537 for {@link KeyAlgorithm#RSA_PSS}.
     */
    public static KeyPair generate(KeyAlgorithm algorithm) {
        Objects.requireNonNull(algorithm, "algorithm");
        try {
            KeyPairGenerator generator;
            switch (algorithm) {
                case ED25519 -> generator = KeyPairGenerator.getInstance("Ed25519");
                case ECDSA_P256 -> {
                    generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(new ECGenParameterSpec("secp256r1"));
                }
                case RSA_PSS -> {
                    // Plain RSA keys rather than RSASSA-PSS-tagged ones: every tool, OpenSSL included, reads them.
                    generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(new RSAKeyGenParameterSpec(KeyAlgorithm.RSA_GENERATED_BITS, RSAKeyGenParameterSpec.F4));
                }
                default -> throw new AssertionError(algorithm);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the Java runtime cannot generate " + algorithm + " keys", e);
        }
    }
}
