package org.suptools.model.signing;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Map;
import java.util.Optional;

/**
 * Turns DER key structures into JDK keys. PKCS#8 and SubjectPublicKeyInfo go straight to the
 * key factory their algorithm identifier names; OpenSSL's traditional SEC1 and PKCS#1 forms are
 * first wrapped into those envelopes. Malformed or unsupported input raises
 * {@link IllegalArgumentException} with a message fit for people.
 */
final class KeyDecoder {

    static final String RSA_ENCRYPTION = "1.2.840.113549.1.1.1";
    static final String RSASSA_PSS = "1.2.840.113549.1.1.10";
    static final String EC_PUBLIC_KEY = "1.2.840.10045.2.1";
    static final String ED25519 = "1.3.101.112";

    private static final Map<String, String> FACTORIES = Map.of(
            RSA_ENCRYPTION, "RSA",
            RSASSA_PSS, "RSASSA-PSS",
            EC_PUBLIC_KEY, "EC",
            ED25519, "Ed25519");

    /** Algorithms and curves people are likely to try, named so the refusal is understood. */
    private static final Map<String, String> KNOWN_UNSUPPORTED = Map.of(
            "1.3.101.113", "Ed448",
            "1.3.101.110", "X25519",
            "1.3.101.111", "X448",
            "1.2.840.10040.4.1", "DSA",
            "1.3.132.0.34", "secp384r1 (P-384)",
            "1.3.132.0.35", "secp521r1 (P-521)",
            "1.3.132.0.10", "secp256k1");

    private KeyDecoder() {
    }

    static PrivateKey fromPkcs8(byte[] der) {
        String factory = factoryFor(algorithmIdentifier(der, true));
        try {
            return KeyFactory.getInstance(factory).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("malformed " + factory + " private key (" + rootMessage(e) + ")", e);
        }
    }

    static PublicKey fromSubjectPublicKeyInfo(byte[] der) {
        String factory = factoryFor(algorithmIdentifier(der, false));
        try {
            return KeyFactory.getInstance(factory).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("malformed " + factory + " public key (" + rootMessage(e) + ")", e);
        }
    }

    /**
     * Wraps a SEC1 {@code ECPrivateKey} into PKCS#8. The curve is the one the key names itself
     * or, failing that, the one in a preceding {@code EC PARAMETERS} block.
     */
    static byte[] sec1ToPkcs8(byte[] sec1, Optional<byte[]> ecParameters) {
        DerReader key = single(sec1).contents();
        key.next(DerWriter.INTEGER);
        key.next(DerWriter.OCTET_STRING);
        Optional<String> curve = Optional.empty();
        if (key.peekTag() == DerReader.contextTag(0)) {
            curve = Optional.of(namedCurve(key.next().contents().next()));
        } else if (ecParameters.isPresent()) {
            curve = Optional.of(namedCurve(new DerReader(ecParameters.get()).next()));
        }
        String oid = curve.orElseThrow(() -> new IllegalArgumentException("EC private key does not name its curve"));
        requireP256(oid);
        return DerWriter.sequence(
                DerWriter.integer(0),
                DerWriter.sequence(DerWriter.objectIdentifier(EC_PUBLIC_KEY), DerWriter.objectIdentifier(oid)),
                DerWriter.octetString(sec1));
    }

    /** Wraps a PKCS#1 {@code RSAPrivateKey} into PKCS#8. */
    static byte[] pkcs1PrivateToPkcs8(byte[] pkcs1) {
        return DerWriter.sequence(
                DerWriter.integer(0),
                rsaAlgorithmIdentifier(),
                DerWriter.octetString(pkcs1));
    }

    /** Wraps a PKCS#1 {@code RSAPublicKey} into SubjectPublicKeyInfo. */
    static byte[] pkcs1PublicToSubjectPublicKeyInfo(byte[] pkcs1) {
        return DerWriter.sequence(rsaAlgorithmIdentifier(), DerWriter.bitString(pkcs1));
    }

    private static byte[] rsaAlgorithmIdentifier() {
        return DerWriter.sequence(DerWriter.objectIdentifier(RSA_ENCRYPTION), DerWriter.nullValue());
    }

    /** The algorithm OID of a PKCS#8 or SPKI structure, after checking an EC key's curve. */
    private static String algorithmIdentifier(byte[] der, boolean privateKeyInfo) {
        DerReader outer = single(der).contents();
        if (privateKeyInfo) {
            outer.next(DerWriter.INTEGER);
        }
        DerReader algorithm = outer.next(DerWriter.SEQUENCE).contents();
        String oid = algorithm.next().objectIdentifier();
        if (oid.equals(EC_PUBLIC_KEY)) {
            if (!algorithm.hasMore()) {
                throw new IllegalArgumentException("EC key does not name its curve");
            }
            requireP256(namedCurve(algorithm.next()));
        }
        return oid;
    }

    /** The one SEQUENCE the data must consist of: trailing bytes are refused, not ignored. */
    private static DerReader.Element single(byte[] der) {
        DerReader reader = new DerReader(der);
        DerReader.Element sequence = reader.next(DerWriter.SEQUENCE);
        reader.expectEnd();
        return sequence;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause().getMessage() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    private static String factoryFor(String oid) {
        String factory = FACTORIES.get(oid);
        if (factory == null) {
            throw new IllegalArgumentException("unsupported key algorithm " + describe(oid)
                    + "; supported: ed25519, ecdsa-p256, rsa-pss");
        }
        return factory;
    }

    /** The curve OID of an EC parameters element, which must name a curve. */
    private static String namedCurve(DerReader.Element parameters) {
        if (parameters.tag() != DerWriter.OBJECT_IDENTIFIER) {
            throw new IllegalArgumentException("EC keys with explicit curve parameters are not supported;"
                    + " use the named curve prime256v1");
        }
        return parameters.objectIdentifier();
    }

    private static void requireP256(String curveOid) {
        if (!curveOid.equals(P256.OID)) {
            throw new IllegalArgumentException("unsupported EC curve " + describe(curveOid)
                    + "; only P-256 (prime256v1, secp256r1) is supported");
        }
    }

    private static String describe(String oid) {
        String name = KNOWN_UNSUPPORTED.get(oid);
        return name == null ? "(OID " + oid + ")" : name + " (OID " + oid + ")";
    }
}
