package org.suptools.model.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.Signature;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class EcdsaSignaturesTest {

    private static final byte[] MESSAGE = "manifest bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    @RepeatedTest(20)
    void derToP1363_givesASignatureThePackageFormVerifies() throws Exception {
        KeyPair pair = KeyPairs.generate(KeyAlgorithm.ECDSA_P256);
        Signature der = Signature.getInstance("SHA256withECDSA");
        der.initSign(pair.getPrivate());
        der.update(MESSAGE);

        byte[] converted = EcdsaSignatures.derToP1363(der.sign());

        Signature p1363 = Signature.getInstance("SHA256withECDSAinP1363Format");
        p1363.initVerify(pair.getPublic());
        p1363.update(MESSAGE);
        assertThat(converted).hasSize(64);
        assertThat(p1363.verify(converted)).isTrue();
    }

    @Test
    void signer_makesFixedLengthEcdsaSignatures() {
        KeyPair pair = KeyPairs.generate(KeyAlgorithm.ECDSA_P256);
        for (int i = 0; i < 50; i++) {
            assertThat(Signer.sign(MESSAGE, pair.getPrivate()).bytes()).hasSize(64);
        }
    }

    @Test
    void derToP1363_refusesSomethingElse() {
        assertThatThrownBy(() -> EcdsaSignatures.derToP1363(new byte[] {0x30, 0x03, 0x02, 0x01, 0x00}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
