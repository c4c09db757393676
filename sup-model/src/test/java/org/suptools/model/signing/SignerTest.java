package org.suptools.model.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SignerTest {

    private static final byte[] MANIFEST = "{\"name\":\"demo\",\"version\":\"1.0.0\"}\n".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void sign_namesTheKeyIdAndAlgorithmOfTheKey(KeyAlgorithm algorithm) {
        KeyPair pair = KeyPairs.generate(algorithm);

        PackageSignature signature = Signer.sign(MANIFEST, pair.getPrivate());

        assertThat(signature.keyId()).isEqualTo(KeyId.of(pair.getPublic()));
        assertThat(signature.algorithm()).isEqualTo(algorithm);
    }

    @Test
    void sign_ed25519IsDeterministicSoRebuildingGivesTheSameBytes() throws Exception {
        var key = Fixtures.privateKey("ed25519.key");

        byte[] first = SignatureSet.empty().with(Signer.sign(MANIFEST, key)).toJson();
        byte[] second = SignatureSet.empty().with(Signer.sign(MANIFEST, key)).toJson();

        assertThat(first).isEqualTo(second);
    }

    @Test
    void sign_ed25519GivesExactlyTheSignatureOpenSslMade() throws Exception {
        PackageSignature signature = Signer.sign(Fixtures.bytes("message.json"), Fixtures.privateKey("ed25519.key"));

        assertThat(signature.bytes()).isEqualTo(Fixtures.bytes("message.json.ed25519.sig"));
    }

    @Test
    void sign_worksWithKeysReadFromEachOpenSslForm() throws Exception {
        for (String file : new String[] {"ec-sec1.key", "ec-sec1-params.key", "rsa-pkcs1.key", "rsa-pss.key"}) {
            var key = Fixtures.privateKey(file);

            assertThat(Signer.sign(MANIFEST, key).keyId()).as(file).isEqualTo(KeyId.of(PemKeys.publicKeyOf(key)));
        }
    }

    @Test
    void sign_rejectsUnsupportedKey() throws Exception {
        var key = KeyPairGenerator.getInstance("Ed448").generateKeyPair().getPrivate();

        assertThatThrownBy(() -> Signer.sign(MANIFEST, key))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unsupported EdDSA curve Ed448; only Ed25519 is supported");
    }
}
