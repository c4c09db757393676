package org.suptools.model.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECPoint;
import org.junit.jupiter.api.Test;

class P256Test {

    private static final ECPoint G = P256.PARAMETERS.getGenerator();
    private static final BigInteger N = P256.PARAMETERS.getOrder();
    private static final BigInteger P = ((ECFieldFp) P256.PARAMETERS.getCurve().getField()).getP();

    @Test
    void publicPoint_ofOneIsTheGenerator() {
        assertThat(P256.publicPoint(BigInteger.ONE)).isEqualTo(G);
    }

    @Test
    void publicPoint_ofOrderMinusOneIsTheNegatedGenerator() {
        ECPoint point = P256.publicPoint(N.subtract(BigInteger.ONE));

        assertThat(point).isEqualTo(new ECPoint(G.getAffineX(), P.subtract(G.getAffineY())));
    }

    @Test
    void publicPoint_matchesTheJdkForGeneratedKeys() {
        for (int i = 0; i < 5; i++) {
            var pair = KeyPairs.generate(KeyAlgorithm.ECDSA_P256);

            assertThat(P256.publicPoint(((ECPrivateKey) pair.getPrivate()).getS()))
                    .isEqualTo(((ECPublicKey) pair.getPublic()).getW());
        }
    }

    @Test
    void publicPoint_rejectsScalarsOutOfRange() {
        assertThatThrownBy(() -> P256.publicPoint(BigInteger.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> P256.publicPoint(N)).isInstanceOf(IllegalArgumentException.class);
    }
}
