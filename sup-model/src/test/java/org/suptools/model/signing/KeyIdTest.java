package org.suptools.model.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;

class KeyIdTest {

    /** {@code key-ids.txt} holds the ids OpenSSL and sha256sum computed for each public key. */
    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/fixtures/keys/key-ids.txt", delimiter = ' ')
    void of_matchesTheIdComputedWithOpenSsl(String publicKeyFile, String expectedId) throws Exception {
        assertThat(KeyId.of(Fixtures.publicKey(publicKeyFile))).isEqualTo(expectedId);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "ed25519.pub, ed25519.key, ed25519.key",
        "ec-sec1.pub, ec-sec1.key, ec-sec1.pkcs8.key",
        "rsa-pkcs1.pub, rsa-pkcs1.key, rsa-pkcs1.pkcs8.key",
    })
    void of_isTheSameForEveryFileFormOfAKey(String publicFile, String privateFile, String otherPrivateFile)
            throws Exception {
        String id = KeyId.of(Fixtures.publicKey(publicFile));

        assertThat(KeyId.of(PemKeys.publicKeyOf(Fixtures.privateKey(privateFile)))).isEqualTo(id);
        assertThat(KeyId.of(PemKeys.publicKeyOf(Fixtures.privateKey(otherPrivateFile)))).isEqualTo(id);
    }

    @Test
    void of_isTheSameForPkcs1AndSubjectPublicKeyInfoRsaPublicKeys() throws Exception {
        assertThat(KeyId.of(Fixtures.publicKey("rsa-pkcs1.rsapub.pem")))
                .isEqualTo(KeyId.of(Fixtures.publicKey("rsa-pkcs1.pub")));
    }

    @Test
    void of_rsaPssTaggedKeyHasTheIdOfTheSameModulusUntagged() throws Exception {
        RSAPublicKey tagged = (RSAPublicKey) Fixtures.publicKey("rsa-pss.pub");
        var untagged = KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(tagged.getModulus(), tagged.getPublicExponent()));

        assertThat(KeyId.of(tagged)).isEqualTo(KeyId.of(untagged));
    }

    @Test
    void of_differsBetweenKeysAndIsWellFormed() throws Exception {
        String a = KeyId.of(Fixtures.publicKey("rsa-pkcs1.pub"));
        String b = KeyId.of(Fixtures.publicKey("rsa-pkcs8.pub"));

        assertThat(a).isNotEqualTo(b);
        assertThat(KeyId.isWellFormed(a)).isTrue();
        assertThat(KeyId.isWellFormed(b)).isTrue();
    }

    @Test
    void isWellFormed_acceptsOnlySixteenLowercaseHexDigits() {
        assertThat(KeyId.isWellFormed("0123456789abcdef")).isTrue();
        assertThat(KeyId.isWellFormed("0123456789ABCDEF")).isFalse();
        assertThat(KeyId.isWellFormed("0123456789abcde")).isFalse();
        assertThat(KeyId.isWellFormed("0123456789abcdef0")).isFalse();
        assertThat(KeyId.isWellFormed(new BigInteger("1").toString())).isFalse();
        assertThat(KeyId.isWellFormed(null)).isFalse();
    }
}
