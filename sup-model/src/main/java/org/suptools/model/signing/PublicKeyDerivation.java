package org.suptools.model.signing;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;

/**
 * Computes the public half of a private key, so a signer needs only its private key file. The
 * JDK has no API for this; each algorithm takes its own route.
 */
final class PublicKeyDerivation {

    private PublicKeyDerivation() {
    }

    static PublicKey publicKeyOf(PrivateKey key) {
        KeyAlgorithm algorithm = KeyAlgorithm.of(key);
        try {
            return switch (algorithm) {
                case ED25519 -> ed25519((EdECPrivateKey) key);
                case ECDSA_P256 -> p256((ECPrivateKey) key);
                case RSA_PSS -> rsa(key);
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot compute the " + algorithm + " public key", e);
        }
    }

    private static PublicKey rsa(PrivateKey key) throws GeneralSecurityException {
        if (!(key instanceof RSAPrivateCrtKey crt)) {
            throw new IllegalArgumentException("RSA private key lacks its public exponent (not in CRT form)");
        }
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
    }

    private static PublicKey p256(ECPrivateKey key) throws GeneralSecurityException {
        return KeyFactory.getInstance("EC").generatePublic(
                new ECPublicKeySpec(P256.publicPoint(key.getS()), P256.PARAMETERS));
    }

    /**
     * An Ed25519 private key is a 32-byte seed from which the key pair generator derives
     * everything else; handing the generator a random source that yields exactly that seed
     * regenerates the pair.
     */
    private static PublicKey ed25519(EdECPrivateKey key) throws GeneralSecurityException {
        byte[] seed = key.getBytes().orElseThrow(
                () -> new IllegalArgumentException("Ed25519 private key does not expose its seed"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        generator.initialize(NamedParameterSpec.ED25519, new SeedRandom(seed));
        KeyPair pair = generator.generateKeyPair();
        byte[] regenerated = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow();
        // Guards against a runtime whose generator draws its randomness differently.
        if (!Arrays.equals(regenerated, seed)) {
            throw new IllegalStateException("the Java runtime's Ed25519 generator did not use the supplied seed");
        }
        return pair.getPublic();
    }

    /** A "random" source that always yields one fixed seed. */
    private static final class SeedRandom extends SecureRandom {

        private final byte[] seed;

        SeedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("expected a request for " + seed.length + " bytes, got " + bytes.length);
            }
            System.arraycopy(seed, 0, bytes, 0, seed.length);
        }
    }
}
