package org.suptools.model.signing;

import java.math.BigInteger;

/**
 * Converts ECDSA P-256 signatures from the ASN.1 DER form OpenSSL writes to the fixed 64-byte
 * {@code r || s} form packages carry, so signatures made with OpenSSL can be checked and added.
 */
public final class EcdsaSignatures {

    private static final int SEQUENCE = 0x30;
    private static final int INTEGER = 0x02;
    private static final int COORDINATE_BYTES = 32;

    private EcdsaSignatures() {
    }

    /** The {@code r || s} form of a DER {@code SEQUENCE { INTEGER r, INTEGER s }} signature. */
    public static byte[] derToP1363(byte[] der) {
        DerReader outer = new DerReader(der);
        DerReader sequence = outer.next(SEQUENCE).contents();
        outer.expectEnd();
        byte[] out = new byte[2 * COORDINATE_BYTES];
        put(new BigInteger(sequence.next(INTEGER).content()), out, 0);
        put(new BigInteger(sequence.next(INTEGER).content()), out, COORDINATE_BYTES);
        sequence.expectEnd();
        return out;
    }

    private static void put(BigInteger value, byte[] out, int offset) {
        if (value.signum() <= 0 || value.bitLength() > 8 * COORDINATE_BYTES) {
            throw new IllegalArgumentException("not a P-256 ECDSA signature: a coordinate is out of range");
        }
        byte[] bytes = value.toByteArray();
        int length = Math.min(bytes.length, COORDINATE_BYTES);
        System.arraycopy(bytes, bytes.length - length, out, offset + COORDINATE_BYTES - length, length);
    }
}
