package org.suptools.model.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads and writes keys as PEM text. Reading accepts the forms OpenSSL writes by default as well
 * as the standard ones:
 * <ul>
 *   <li>private: {@code PRIVATE KEY} (PKCS#8, any supported algorithm), {@code EC PRIVATE KEY}
 *       (SEC1, optionally preceded by {@code EC PARAMETERS}), {@code RSA PRIVATE KEY} (PKCS#1);</li>
 *   <li>public: {@code PUBLIC KEY} (SubjectPublicKeyInfo), {@code RSA PUBLIC KEY} (PKCS#1).</li>
 * </ul>
 * Encrypted private keys are refused. Writing always uses PKCS#8 and SubjectPublicKeyInfo.
 */
public final class PemKeys {

    /** Key files are a few kilobytes; anything far larger is not one. */
    private static final long MAX_FILE_SIZE = 1024 * 1024;

    private static final String PRIVATE_KEY = "PRIVATE KEY";
    private static final String EC_PRIVATE_KEY = "EC PRIVATE KEY";
    private static final String RSA_PRIVATE_KEY = "RSA PRIVATE KEY";
    private static final String ENCRYPTED_PRIVATE_KEY = "ENCRYPTED PRIVATE KEY";
    private static final String EC_PARAMETERS = "EC PARAMETERS";
    private static final String PUBLIC_KEY = "PUBLIC KEY";
    private static final String RSA_PUBLIC_KEY = "RSA PUBLIC KEY";

    private static final Set<String> PRIVATE_LABELS =
            Set.of(PRIVATE_KEY, EC_PRIVATE_KEY, RSA_PRIVATE_KEY, ENCRYPTED_PRIVATE_KEY);
    private static final Set<String> PUBLIC_LABELS = Set.of(PUBLIC_KEY, RSA_PUBLIC_KEY);

    private static final String ENCRYPTED = "encrypted private keys are not supported; decrypt with openssl pkey first";

    private PemKeys() {
    }

    /** Reads the one private key in a PEM file; errors name the file as given. */
    public static PrivateKey readPrivateKey(Path file) throws KeyFileException {
        return parsePrivateKey(read(file), file.toString());
    }

    /** Reads the one public key in a PEM file; errors name the file as given. */
    public static PublicKey readPublicKey(Path file) throws KeyFileException {
        return parsePublicKey(read(file), file.toString());
    }

    /**
     * Parses the one private key in PEM text.
     *
     * @param source names the text in error messages, usually its file name
     */
    public static PrivateKey parsePrivateKey(String pem, String source) throws KeyFileException {
        List<PemBlock> blocks = blocks(pem, source);
        PemBlock key = single(blocks, PRIVATE_LABELS, "private", source);
        if (key.label().equals(ENCRYPTED_PRIVATE_KEY) || key.isEncrypted()) {
            throw new KeyFileException(source, ENCRYPTED);
        }
        try {
            PrivateKey privateKey = KeyDecoder.fromPkcs8(switch (key.label()) {
                case EC_PRIVATE_KEY -> KeyDecoder.sec1ToPkcs8(key.der(), ecParameters(blocks));
                case RSA_PRIVATE_KEY -> KeyDecoder.pkcs1PrivateToPkcs8(key.der());
                default -> key.der();
            });
            KeyAlgorithm.of(privateKey);
            return privateKey;
        } catch (IllegalArgumentException e) {
            throw new KeyFileException(source, e.getMessage(), e);
        }
    }

    /**
     * Parses the one public key in PEM text.
     *
     * @param source names the text in error messages, usually its file name
     */
    public static PublicKey parsePublicKey(String pem, String source) throws KeyFileException {
        List<PemBlock> blocks = blocks(pem, source);
        PemBlock key = single(blocks, PUBLIC_LABELS, "public", source);
        try {
            PublicKey publicKey = KeyDecoder.fromSubjectPublicKeyInfo(key.label().equals(RSA_PUBLIC_KEY)
                    ? KeyDecoder.pkcs1PublicToSubjectPublicKeyInfo(key.der())
                    : key.der());
            KeyAlgorithm.of(publicKey);
            return publicKey;
        } catch (IllegalArgumentException e) {
            throw new KeyFileException(source, e.getMessage(), e);
        }
    }

    /**
     * The public key belonging to a private key: for RSA from the modulus and public exponent,
     * for Ed25519 from the seed, for P-256 by computing {@code d·G}.
     *
     * @throws IllegalArgumentException if the key is not of a supported algorithm
     */
    public static PublicKey publicKeyOf(PrivateKey key) {
        return PublicKeyDerivation.publicKeyOf(Objects.requireNonNull(key, "key"));
    }

    /** The key as a PKCS#8 {@code PRIVATE KEY} block: 64-column base64, trailing newline. */
    public static String toPem(PrivateKey key) {
        return Pem.encode(PRIVATE_KEY, encoded(key));
    }

    /** The key as a SubjectPublicKeyInfo {@code PUBLIC KEY} block: 64-column base64, trailing newline. */
    public static String toPem(PublicKey key) {
        return Pem.encode(PUBLIC_KEY, encoded(key));
    }

    private static byte[] encoded(java.security.Key key) {
        byte[] der = Objects.requireNonNull(key, "key").getEncoded();
        if (der == null) {
            throw new IllegalArgumentException("key of algorithm " + key.getAlgorithm() + " cannot be exported");
        }
        return der;
    }

    private static String read(Path file) throws KeyFileException {
        try {
            if (Files.size(file) > MAX_FILE_SIZE) {
                throw new KeyFileException(file.toString(), "too large to be a key file");
            }
            // Latin-1 maps every byte to a character, so a binary file fails as "not PEM", not as an encoding error.
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (KeyFileException e) {
            throw e;
        } catch (IOException e) {
            throw new KeyFileException(file.toString(), "cannot read key file (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static List<PemBlock> blocks(String pem, String source) throws KeyFileException {
        try {
            return Pem.parse(Objects.requireNonNull(pem, "pem"));
        } catch (IllegalArgumentException e) {
            throw new KeyFileException(source, e.getMessage(), e);
        }
    }

    private static PemBlock single(List<PemBlock> blocks, Set<String> labels, String kind, String source)
            throws KeyFileException {
        List<PemBlock> keys = blocks.stream().filter(block -> labels.contains(block.label())).toList();
        if (keys.size() == 1) {
            return keys.get(0);
        }
        if (keys.size() > 1) {
            throw new KeyFileException(source, "holds " + keys.size() + " " + kind + " keys; expected exactly one");
        }
        String found = blocks.isEmpty()
                ? "no PEM block found"
                : "found " + blocks.stream().map(block -> "'" + block.label() + "'").distinct()
                        .collect(Collectors.joining(", "));
        String hint = kind.equals("public") && blocks.stream().anyMatch(block -> PRIVATE_LABELS.contains(block.label()))
                ? "; extract the public key with openssl pkey -pubout"
                : "";
        throw new KeyFileException(source, "not a PEM " + kind + " key (" + found + hint + ")");
    }

    private static Optional<byte[]> ecParameters(List<PemBlock> blocks) {
        return blocks.stream().filter(block -> block.label().equals(EC_PARAMETERS)).findFirst().map(PemBlock::der);
    }
}
