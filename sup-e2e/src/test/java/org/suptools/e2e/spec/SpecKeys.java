package org.suptools.e2e.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** Public keys, key ids and signature checks as docs/format.md section 3 describes them. */
public final class SpecKeys {

    private SpecKeys() {
    }

    /** A PEM "PUBLIC KEY" (SubjectPublicKeyInfo) file: Ed25519, EC P-256 or RSA. */
    public static PublicKey read(Path pem) throws IOException, GeneralSecurityException {
        String text = Files.readString(pem, StandardCharsets.US_ASCII);
        String base64 = text.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        X509EncodedKeySpec spki = new X509EncodedKeySpec(Base64.getDecoder().decode(base64));
        for (String algorithm : List.of("Ed25519", "EC", "RSA")) {
            try {
                PublicKey key = KeyFactory.getInstance(algorithm).generatePublic(spki);
                algorithm(key);
                return key;
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new GeneralSecurityException(pem + ": not an Ed25519, P-256 or RSA (2048 bits or more) public key");
    }

    /**
     * The first 16 lowercase hex digits of the SHA-256 of the key's SubjectPublicKeyInfo DER; an
     * RSA key in its rsaEncryption form, however its file tagged it.
     */
    public static String keyId(PublicKey key) throws GeneralSecurityException {
        PublicKey plain = key instanceof RSAPublicKey rsa ? KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent())) : key;
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(plain.getEncoded());
        return HexFormat.of().formatHex(digest, 0, 8);
    }

    /** The signature algorithm name of signatures.json that goes with this key. */
    public static String algorithm(PublicKey key) throws GeneralSecurityException {
        if (key.getAlgorithm().equals("EdDSA") || key.getAlgorithm().equals("Ed25519")) {
            return "ed25519";
        }
        if (key instanceof ECPublicKey ec && ec.getParams().getCurve().getField().getFieldSize() == 256
                && ec.getParams().getOrder().bitLength() == 256) {
            return "ecdsa-p256";
        }
        if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() >= 2048) {
            return "rsa-pss";
        }
        throw new GeneralSecurityException("not an Ed25519, P-256 or RSA (2048 bits or more) key");
    }

    /** Whether {@code signature} is {@code key}'s signature of {@code data} under the named algorithm. */
    static boolean verify(String algorithm, PublicKey key, byte[] data, byte[] signature)
            throws GeneralSecurityException {
        if (!algorithm.equals(algorithm(key))) {
            return false;
        }
        Signature verifier = switch (algorithm) {
            case "ed25519" -> Signature.getInstance("Ed25519");
            case "ecdsa-p256" -> Signature.getInstance("SHA256withECDSAinP1363Format");
            case "rsa-pss" -> {
                Signature pss = Signature.getInstance("RSASSA-PSS");
                pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                yield pss;
            }
            default -> throw new GeneralSecurityException("unknown algorithm " + algorithm);
        };
        verifier.initVerify(key);
        verifier.update(data);
        try {
            return verifier.verify(signature);
        } catch (SignatureException e) {
            return false;
        }
    }
}
