package org.suptools.model.signing;

import java.util.Map;
import java.util.Objects;

/**
 * One {@code -----BEGIN label-----} block of a PEM file: its label, any RFC 1421 headers (as
 * OpenSSL writes for traditionally encrypted keys) and the DER bytes of its body.
 */
record PemBlock(String label, Map<String, String> headers, byte[] der) {

    PemBlock {
        Objects.requireNonNull(label, "label");
        headers = Map.copyOf(headers);
        der = der.clone();
    }

    @Override
    public byte[] der() {
        return der.clone();
    }

    /** True for OpenSSL's traditional encryption, announced by {@code Proc-Type: 4,ENCRYPTED}. */
    boolean isEncrypted() {
        String procType = headers.get("Proc-Type");
        return procType != null && procType.contains("ENCRYPTED");
    }
}
