package org.suptools.model.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class KeyAlgorithmTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "ed25519, ED25519",
        "ecdsa-p256, ECDSA_P256",
        "rsa-pss, RSA_PSS",
        "rsa-3072, RSA_PSS",
        "Ed25519, ED25519",
        "' RSA-PSS ', RSA_PSS",
    })
    void fromName_acceptsEachNameIgnoringCase(String name, KeyAlgorithm expected) {
        assertThat(KeyAlgorithm.fromName(name)).isEqualTo(expected);
    }

    @Test
    void fromName_rejectsUnknownNameListingTheKnownOnes() {
        assertThatThrownBy(() -> KeyAlgorithm.fromName("dsa"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown key algorithm 'dsa' (known: ed25519, ecdsa-p256, rsa-pss, rsa-3072)");
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void of_detectsTheAlgorithmOfGeneratedKeys(KeyAlgorithm algorithm) {
        var pair = KeyPairs.generate(algorithm);

        assertThat(KeyAlgorithm.of(pair.getPrivate())).isEqualTo(algorithm);
        assertThat(KeyAlgorithm.of(pair.getPublic())).isEqualTo(algorithm);
    }

    @Test
    void of_rejectsEcKeyOnAnotherCurve() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp384r1"));
        var key = generator.generateKeyPair().getPublic();

        assertThatThrownBy(() -> KeyAlgorithm.of(key))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unsupported EC curve (384-bit field); only P-256 (prime256v1, secp256r1) is supported");
    }

    @Test
    void of_rejectsShortRsaKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        var key = generator.generateKeyPair().getPublic();

        assertThatThrownBy(() -> KeyAlgorithm.of(key))
                .hasMessage("RSA key of 1024 bits is too short; at least 2048 bits are required");
    }

    @Test
    void of_rejectsOtherAlgorithms() throws Exception {
        var key = KeyPairGenerator.getInstance("Ed448").generateKeyPair().getPublic();

        assertThatThrownBy(() -> KeyAlgorithm.of(key))
                .hasMessage("unsupported EdDSA curve Ed448; only Ed25519 is supported");
    }

    @Test
    void id_isTheNameWrittenToSignatureFiles() {
        assertThat(KeyAlgorithm.ED25519.id()).isEqualTo("ed25519");
        assertThat(KeyAlgorithm.ECDSA_P256).hasToString("ecdsa-p256");
        assertThat(KeyAlgorithm.RSA_PSS.id()).isEqualTo("rsa-pss");
    }

    @Test
    void generate_rsaKeysHave3072Bits() {
        var key = (java.security.interfaces.RSAPublicKey) KeyPairs.generate(KeyAlgorithm.RSA_PSS).getPublic();

        assertThat(key.getModulus().bitLength()).isEqualTo(3072);
        assertThat(key.getPublicExponent()).isEqualTo(java.math.BigInteger.valueOf(65537));
    }
}
