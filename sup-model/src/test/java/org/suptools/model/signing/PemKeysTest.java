package org.suptools.model.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class PemKeysTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "ed25519.key, ED25519",
        "ec-sec1.key, ECDSA_P256",
        "ec-sec1-params.key, ECDSA_P256",
        "ec-sec1.pkcs8.key, ECDSA_P256",
        "rsa-pkcs1.key, RSA_PSS",
        "rsa-pkcs1.pkcs8.key, RSA_PSS",
        "rsa-pkcs8.key, RSA_PSS",
        "rsa-pss.key, RSA_PSS",
    })
    void readPrivateKey_readsEachOpenSslForm(String file, KeyAlgorithm expected) throws Exception {
        PrivateKey key = Fixtures.privateKey(file);

        assertThat(KeyAlgorithm.of(key)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "ed25519.pub, ED25519",
        "ec-sec1.pub, ECDSA_P256",
        "ec-sec1-params.pub, ECDSA_P256",
        "rsa-pkcs1.pub, RSA_PSS",
        "rsa-pkcs1.rsapub.pem, RSA_PSS",
        "rsa-pkcs8.pub, RSA_PSS",
        "rsa-pss.pub, RSA_PSS",
    })
    void readPublicKey_readsEachOpenSslForm(String file, KeyAlgorithm expected) throws Exception {
        PublicKey key = Fixtures.publicKey(file);

        assertThat(KeyAlgorithm.of(key)).isEqualTo(expected);
    }

    @Test
    void readPrivateKey_sameEcKeyInSec1AndPkcs8FormsIsEqual() throws Exception {
        ECPrivateKey sec1 = (ECPrivateKey) Fixtures.privateKey("ec-sec1.key");
        ECPrivateKey pkcs8 = (ECPrivateKey) Fixtures.privateKey("ec-sec1.pkcs8.key");

        assertThat(sec1.getS()).isEqualTo(pkcs8.getS());
        assertThat(sec1.getParams().getCurve()).isEqualTo(pkcs8.getParams().getCurve());
    }

    @Test
    void readPrivateKey_sameRsaKeyInPkcs1AndPkcs8FormsIsEqual() throws Exception {
        assertThat(Fixtures.privateKey("rsa-pkcs1.key").getEncoded())
                .isEqualTo(Fixtures.privateKey("rsa-pkcs1.pkcs8.key").getEncoded());
    }

    @Test
    void readPublicKey_pkcs1AndSubjectPublicKeyInfoFormsAreEqual() throws Exception {
        assertThat(Fixtures.publicKey("rsa-pkcs1.rsapub.pem").getEncoded())
                .isEqualTo(Fixtures.publicKey("rsa-pkcs1.pub").getEncoded());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"encrypted-pkcs8.key", "encrypted-traditional.key"})
    void readPrivateKey_rejectsEncryptedKeyWithAdvice(String file) {
        Path path = Fixtures.path(file);

        assertThatThrownBy(() -> PemKeys.readPrivateKey(path))
                .isInstanceOf(KeyFileException.class)
                .hasMessage(path + ": encrypted private keys are not supported; decrypt with openssl pkey first");
    }

    @Test
    void parsePrivateKey_rejectsCertificateNamingTheFile() {
        String certificate = Fixtures.text("certificate.pem");

        assertThatThrownBy(() -> PemKeys.parsePrivateKey(certificate, "keys/a.key"))
                .isInstanceOf(KeyFileException.class)
                .hasMessage("keys/a.key: not a PEM private key (found 'CERTIFICATE')");
    }

    @Test
    void parsePrivateKey_rejectsPublicKey() {
        assertThatThrownBy(() -> PemKeys.parsePrivateKey(Fixtures.text("ed25519.pub"), "keys/a.key"))
                .hasMessage("keys/a.key: not a PEM private key (found 'PUBLIC KEY')");
    }

    @Test
    void parsePublicKey_rejectsPrivateKeyWithHowToExtractThePublicOne() {
        assertThatThrownBy(() -> PemKeys.parsePublicKey(Fixtures.text("ed25519.key"), "trust/a.pub"))
                .hasMessage("trust/a.pub: not a PEM public key (found 'PRIVATE KEY';"
                        + " extract the public key with openssl pkey -pubout)");
    }

    @Test
    void parsePrivateKey_rejectsTextWithoutPemBlock() {
        assertThatThrownBy(() -> PemKeys.parsePrivateKey("just some text\n", "a.key"))
                .hasMessage("a.key: not a PEM private key (no PEM block found)");
    }

    @Test
    void parsePrivateKey_rejectsTwoKeysInOneFile() {
        String twoKeys = Fixtures.text("ed25519.key") + Fixtures.text("rsa-pkcs8.key");

        assertThatThrownBy(() -> PemKeys.parsePrivateKey(twoKeys, "a.key"))
                .hasMessage("a.key: holds 2 private keys; expected exactly one");
    }

    @Test
    void parsePrivateKey_rejectsBlockWithoutEnd() {
        String truncated = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIL9ni9SuvlnmUg/FcOMhDADLl/j4WiZTicJZ2AsKZNSv\n";

        assertThatThrownBy(() -> PemKeys.parsePrivateKey(truncated, "a.key"))
                .hasMessage("a.key: PEM block 'PRIVATE KEY' has no END line");
    }

    @Test
    void parsePrivateKey_rejectsTruncatedDer() {
        String corrupt = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIL9n\n-----END PRIVATE KEY-----\n";

        assertThatThrownBy(() -> PemKeys.parsePrivateKey(corrupt, "a.key"))
                .isInstanceOf(KeyFileException.class)
                .hasMessage("a.key: malformed DER (element runs past the end of its container)");
    }

    @Test
    void parsePrivateKey_rejectsTrailingBytesAfterTheKey() throws Exception {
        byte[] der = Fixtures.privateKey("ed25519.key").getEncoded();
        byte[] padded = java.util.Arrays.copyOf(der, der.length + 2);

        assertThatThrownBy(() -> PemKeys.parsePrivateKey(Pem.encode("PRIVATE KEY", padded), "a.key"))
                .hasMessage("a.key: malformed DER (unexpected data after the end)");
    }

    @Test
    void parsePrivateKey_rejectsInvalidRsaStructure() {
        String notRsa = Pem.encode("RSA PRIVATE KEY", DerWriter.sequence(DerWriter.integer(0)));

        assertThatThrownBy(() -> PemKeys.parsePrivateKey(notRsa, "a.key"))
                .isInstanceOf(KeyFileException.class)
                .hasMessageStartingWith("a.key: malformed RSA private key (");
    }

    @Test
    void parsePrivateKey_takesTheCurveFromEcParametersWhenSec1OmitsIt() throws Exception {
        ECPrivateKey reference = (ECPrivateKey) Fixtures.privateKey("ec-sec1.key");
        String pem = Pem.encode("EC PARAMETERS", DerWriter.objectIdentifier(P256.OID))
                + Pem.encode("EC PRIVATE KEY", sec1WithoutCurve(reference));

        ECPrivateKey key = (ECPrivateKey) PemKeys.parsePrivateKey(pem, "a.key");

        assertThat(key.getS()).isEqualTo(reference.getS());
        assertThat(KeyAlgorithm.of(key)).isEqualTo(KeyAlgorithm.ECDSA_P256);
    }

    @Test
    void parsePrivateKey_rejectsSec1KeyThatNamesNoCurve() throws Exception {
        String pem = Pem.encode("EC PRIVATE KEY", sec1WithoutCurve((ECPrivateKey) Fixtures.privateKey("ec-sec1.key")));

        assertThatThrownBy(() -> PemKeys.parsePrivateKey(pem, "a.key"))
                .hasMessage("a.key: EC private key does not name its curve");
    }

    @Test
    void parsePrivateKey_rejectsSec1KeyOnAnotherCurveNamedByEcParameters() throws Exception {
        String pem = Pem.encode("EC PARAMETERS", DerWriter.objectIdentifier("1.3.132.0.34"))
                + Pem.encode("EC PRIVATE KEY", sec1WithoutCurve((ECPrivateKey) Fixtures.privateKey("ec-sec1.key")));

        assertThatThrownBy(() -> PemKeys.parsePrivateKey(pem, "a.key"))
                .hasMessage("a.key: unsupported EC curve secp384r1 (P-384) (OID 1.3.132.0.34);"
                        + " only P-256 (prime256v1, secp256r1) is supported");
    }

    private static byte[] sec1WithoutCurve(ECPrivateKey key) {
        byte[] scalar = new byte[32];
        byte[] magnitude = key.getS().toByteArray();
        int length = Math.min(magnitude.length, 32);
        System.arraycopy(magnitude, magnitude.length - length, scalar, 32 - length, length);
        return DerWriter.sequence(DerWriter.integer(1), DerWriter.octetString(scalar));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "ec-p384.key | unsupported EC curve secp384r1 (P-384) (OID 1.3.132.0.34); only P-256 (prime256v1, secp256r1) is supported",
        "ed448.key | unsupported key algorithm Ed448 (OID 1.3.101.113); supported: ed25519, ecdsa-p256, rsa-pss",
        "rsa-1024.key | RSA key of 1024 bits is too short; at least 2048 bits are required",
    })
    void readPrivateKey_rejectsUnsupportedKeysNamingTheFile(String file, String problem) {
        Path path = Fixtures.path(file);

        assertThatThrownBy(() -> PemKeys.readPrivateKey(path))
                .isInstanceOf(KeyFileException.class)
                .hasMessage(path + ": " + problem);
    }

    @Test
    void readPrivateKey_namesMissingFile(@TempDir Path dir) {
        Path missing = dir.resolve("missing.key");

        assertThatThrownBy(() -> PemKeys.readPrivateKey(missing))
                .isInstanceOf(KeyFileException.class)
                .hasMessage(missing + ": cannot read key file (NoSuchFileException)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "ed25519.key, ed25519.pub",
        "ec-sec1.key, ec-sec1.pub",
        "ec-sec1-params.key, ec-sec1-params.pub",
        "ec-sec1.pkcs8.key, ec-sec1.pub",
        "rsa-pkcs1.key, rsa-pkcs1.pub",
        "rsa-pkcs8.key, rsa-pkcs8.pub",
    })
    void publicKeyOf_matchesOpenSslPublicKey(String privateFile, String publicFile) throws Exception {
        PublicKey derived = PemKeys.publicKeyOf(Fixtures.privateKey(privateFile));

        assertThat(derived.getEncoded()).isEqualTo(Fixtures.publicKey(publicFile).getEncoded());
    }

    @Test
    void publicKeyOf_rsaPssTaggedKeyHasTheSameIdAsOpenSslPublicKey() throws Exception {
        PublicKey derived = PemKeys.publicKeyOf(Fixtures.privateKey("rsa-pss.key"));

        assertThat(KeyId.of(derived)).isEqualTo(KeyId.of(Fixtures.publicKey("rsa-pss.pub")));
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void publicKeyOf_matchesGeneratedPublicKey(KeyAlgorithm algorithm) {
        KeyPair pair = KeyPairs.generate(algorithm);

        assertThat(PemKeys.publicKeyOf(pair.getPrivate()).getEncoded()).isEqualTo(pair.getPublic().getEncoded());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ed25519.pub", "ec-sec1.pub", "rsa-pkcs1.pub"})
    void toPem_publicKeyIsByteForByteWhatOpenSslWrites(String file) throws Exception {
        assertThat(PemKeys.toPem(Fixtures.publicKey(file))).isEqualTo(Fixtures.text(file));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ed25519.key", "rsa-pkcs8.key"})
    void toPem_privateKeyIsByteForByteWhatOpenSslWrites(String file) throws Exception {
        assertThat(PemKeys.toPem(Fixtures.privateKey(file))).isEqualTo(Fixtures.text(file));
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void toPem_roundTripsThroughParse(KeyAlgorithm algorithm) throws Exception {
        KeyPair pair = KeyPairs.generate(algorithm);
        String privatePem = PemKeys.toPem(pair.getPrivate());
        String publicPem = PemKeys.toPem(pair.getPublic());

        assertThat(PemKeys.parsePrivateKey(privatePem, "x.key").getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
        assertThat(PemKeys.parsePublicKey(publicPem, "x.pub").getEncoded()).isEqualTo(pair.getPublic().getEncoded());
        assertThat(privatePem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        assertThat(publicPem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        assertThat(privatePem.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(64));
    }

    @Test
    void readPrivateKey_acceptsCrLfLineEndings(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("crlf.key");
        Files.writeString(file, Fixtures.text("ec-sec1-params.key").replace("\n", "\r\n"));

        assertThat(PemKeys.readPrivateKey(file).getEncoded())
                .isEqualTo(Fixtures.privateKey("ec-sec1-params.key").getEncoded());
    }
}
