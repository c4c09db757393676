package org.suptools.model.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DerTest {

    @Test
    void objectIdentifier_encodesTheP256CurveAsOpenSslDoes() {
        assertThat(HexFormat.of().formatHex(DerWriter.objectIdentifier(P256.OID)))
                .isEqualTo("06082a8648ce3d030107");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.840.10045.2.1", "1.3.101.112", "1.2.840.113549.1.1.10", "2.999.1", "0.0"})
    void objectIdentifier_roundTripsThroughTheReader(String oid) {
        assertThat(new DerReader(DerWriter.objectIdentifier(oid)).next().objectIdentifier()).isEqualTo(oid);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 127, 128, 255, 256, 65535, 70000})
    void tlv_lengthRoundTripsInShortAndLongForm(int length) {
        byte[] der = DerWriter.octetString(new byte[length]);

        DerReader reader = new DerReader(der);
        assertThat(reader.next(DerWriter.OCTET_STRING).content()).hasSize(length);
        reader.expectEnd();
    }

    @Test
    void sequence_nestsItsElements() {
        byte[] der = DerWriter.sequence(DerWriter.integer(0), DerWriter.nullValue());

        assertThat(HexFormat.of().formatHex(der)).isEqualTo("3005020100" + "0500");
    }

    @Test
    void bitString_prefixesZeroUnusedBits() {
        assertThat(HexFormat.of().formatHex(DerWriter.bitString(new byte[] {(byte) 0xab}))).isEqualTo("030200ab");
    }

    @Test
    void next_rejectsElementLongerThanItsContainer() {
        assertThatThrownBy(() -> new DerReader(HexFormat.of().parseHex("0405aabb")).next())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("malformed DER (element runs past the end of its container)");
    }

    @Test
    void next_rejectsIndefiniteLength() {
        assertThatThrownBy(() -> new DerReader(HexFormat.of().parseHex("30800000")).next())
                .hasMessage("malformed DER (indefinite lengths are not allowed)");
    }

    @Test
    void next_rejectsUnexpectedTag() {
        assertThatThrownBy(() -> new DerReader(DerWriter.nullValue()).next(DerWriter.SEQUENCE))
                .hasMessage("malformed DER (expected tag 0x30, found 0x05)");
    }

    @Test
    void expectEnd_rejectsTrailingData() {
        DerReader reader = new DerReader(HexFormat.of().parseHex("05000500"));
        reader.next();

        assertThatThrownBy(reader::expectEnd).hasMessage("malformed DER (unexpected data after the end)");
    }
}
