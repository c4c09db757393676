package org.suptools.model.signing;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;

/**
 * The NIST P-256 curve: its domain parameters and the one operation the JDK does not offer,
 * computing a public point from a private scalar.
 */
final class P256 {

    /** Object identifier of the curve (prime256v1, secp256r1). */
    static final String OID = "1.2.840.10045.3.1.7";

    static final ECParameterSpec PARAMETERS = namedParameters();

    private static final BigInteger P = ((ECFieldFp) PARAMETERS.getCurve().getField()).getP();
    private static final BigInteger A = PARAMETERS.getCurve().getA();
    private static final BigInteger TWO = BigInteger.TWO;
    private static final BigInteger THREE = BigInteger.valueOf(3);

    private P256() {
    }

    static boolean isP256(ECParameterSpec spec) {
        return spec.getCurve().equals(PARAMETERS.getCurve())
                && spec.getGenerator().equals(PARAMETERS.getGenerator())
                && spec.getOrder().equals(PARAMETERS.getOrder())
                && spec.getCofactor() == PARAMETERS.getCofactor();
    }

    /**
     * The public point {@code d·G}. Plain affine double-and-add over {@link BigInteger}: not
     * constant time, which is acceptable here because it runs once, on the key owner's machine,
     * when a key file is read; signing itself is done by the JDK.
     */
    static ECPoint publicPoint(BigInteger d) {
        if (d.signum() <= 0 || d.compareTo(PARAMETERS.getOrder()) >= 0) {
            throw new IllegalArgumentException("EC private scalar is out of range for P-256");
        }
        ECPoint result = ECPoint.POINT_INFINITY;
        ECPoint addend = PARAMETERS.getGenerator();
        for (int i = 0; i < d.bitLength(); i++) {
            if (d.testBit(i)) {
                result = add(result, addend);
            }
            addend = add(addend, addend);
        }
        return result;
    }

    private static ECPoint add(ECPoint p1, ECPoint p2) {
        if (p1.equals(ECPoint.POINT_INFINITY)) {
            return p2;
        }
        if (p2.equals(ECPoint.POINT_INFINITY)) {
            return p1;
        }
        BigInteger x1 = p1.getAffineX();
        BigInteger y1 = p1.getAffineY();
        BigInteger x2 = p2.getAffineX();
        BigInteger y2 = p2.getAffineY();
        BigInteger slope;
        if (x1.equals(x2)) {
            if (!y1.equals(y2) || y1.signum() == 0) {
                return ECPoint.POINT_INFINITY;
            }
            slope = x1.pow(2).multiply(THREE).add(A).multiply(y1.multiply(TWO).modInverse(P)).mod(P);
        } else {
            slope = y2.subtract(y1).multiply(x2.subtract(x1).modInverse(P)).mod(P);
        }
        BigInteger x3 = slope.pow(2).subtract(x1).subtract(x2).mod(P);
        BigInteger y3 = slope.multiply(x1.subtract(x3)).subtract(y1).mod(P);
        return new ECPoint(x3, y3);
    }

    private static ECParameterSpec namedParameters() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the Java runtime lacks the P-256 curve", e);
        }
    }
}
