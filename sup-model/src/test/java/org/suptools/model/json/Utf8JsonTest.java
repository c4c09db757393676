package org.suptools.model.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.suptools.model.InvalidPackageException;
import org.suptools.model.InvalidPackageException.Reason;
import org.suptools.model.manifest.ManifestCodec;
import org.suptools.model.signing.SignatureSet;

/**
 * The JSON files of a package are UTF-8 and nothing else: a manifest or signature file in UTF-16
 * or UTF-32, with or without a byte-order mark, or with malformed UTF-8, is refused with a
 * message that says it must be UTF-8; a UTF-8 byte-order mark is skipped, as docs/format.md says.
 */
class Utf8JsonTest {

    private static final String MANIFEST = """
            {"formatVersion": 1, "name": "p", "version": "1.0.0", "created": "1980-01-01T00:00:00Z",
             "description": "caf\u00e9 \u2713"}
            """;
    private static final String SIGNATURES = "{\"signatures\":[]}\n";

    static Stream<Arguments> notUtf8() {
        return Stream.of(
                Arguments.of("UTF-16LE with a byte-order mark", concat(bytes(0xFF, 0xFE), encode("UTF-16LE")),
                        "is UTF-16 (it starts with a UTF-16 byte-order mark); it must be UTF-8"),
                Arguments.of("UTF-16BE with a byte-order mark", concat(bytes(0xFE, 0xFF), encode("UTF-16BE")),
                        "is UTF-16 (it starts with a UTF-16 byte-order mark); it must be UTF-8"),
                Arguments.of("UTF-32LE with a byte-order mark", concat(bytes(0xFF, 0xFE, 0, 0), encode("UTF-32LE")),
                        "is UTF-32 (it starts with a UTF-32 byte-order mark); it must be UTF-8"),
                Arguments.of("UTF-32BE with a byte-order mark", concat(bytes(0, 0, 0xFE, 0xFF), encode("UTF-32BE")),
                        "is UTF-32 (it starts with a UTF-32 byte-order mark); it must be UTF-8"),
                Arguments.of("UTF-16LE without a mark", encode("UTF-16LE"),
                        "holds a NUL byte at offset 1, as UTF-16 or UTF-32 text does; it must be UTF-8"),
                Arguments.of("Latin-1", encode("ISO-8859-1"),
                        "is not valid UTF-8: the byte 0xE9 at offset " + MANIFEST.indexOf('\u00e9')
                                + " does not start or continue a character"),
                Arguments.of("an overlong '/'", replace("caf\u00e9", bytes('c', 0xC0, 0xAF)),
                        "is not valid UTF-8: the byte 0xC0 at offset " + (MANIFEST.indexOf("caf") + 1)),
                Arguments.of("an encoded surrogate", replace("caf\u00e9", bytes('c', 0xED, 0xA0, 0x80)),
                        "is not valid UTF-8: the byte 0xED at offset " + (MANIFEST.indexOf("caf") + 1)),
                Arguments.of("a truncated sequence at the end", concat(encode("UTF-8"), bytes(0xE2, 0x9C)),
                        "is not valid UTF-8: the byte 0xE2 at offset"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notUtf8")
    void manifest_thatIsNotUtf8_isInvalid_sayingItMustBeUtf8(String encoding, byte[] bytes, String why) {
        assertThatThrownBy(() -> ManifestCodec.parse(bytes, "p.sup"))
                .isInstanceOfSatisfying(InvalidPackageException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_MANIFEST))
                .hasMessageStartingWith("p.sup: manifest.json " + why)
                .hasMessageEndingWith("it must be UTF-8");
    }

    @Test
    void manifest_withAUtf8ByteOrderMark_isRead() throws Exception {
        byte[] bytes = concat(bytes(0xEF, 0xBB, 0xBF), encode("UTF-8"));

        assertThat(ManifestCodec.parse(bytes, "p.sup").description()).hasValue("caf\u00e9 \u2713");
    }

    @Test
    void signatures_inUtf16_areInvalid_sayingTheyMustBeUtf8() {
        byte[] utf16 = concat(bytes(0xFF, 0xFE), SIGNATURES.getBytes(StandardCharsets.UTF_16LE));

        assertThatThrownBy(() -> SignatureSet.parse(utf16, "p.sup: signatures.json"))
                .isInstanceOfSatisfying(InvalidPackageException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_SIGNATURES))
                .hasMessage("p.sup: signatures.json: is UTF-16 (it starts with a UTF-16 byte-order mark); it must be "
                        + "UTF-8");
    }

    @Test
    void signatures_withMalformedUtf8_areInvalid() {
        byte[] latin1 = "{\"signatures\":[], \"x\":\"\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> SignatureSet.parse(latin1, "p.sup: signatures.json"))
                .isInstanceOfSatisfying(InvalidPackageException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_SIGNATURES))
                .hasMessageContaining("is not valid UTF-8: the byte 0xE9 at offset 23");
    }

    @Test
    void signatures_inUtf8_withOrWithoutAByteOrderMark_areRead() throws Exception {
        assertThat(SignatureSet.parse(SIGNATURES.getBytes(StandardCharsets.UTF_8), "s").signatures()).isEmpty();
        assertThat(SignatureSet.parse(concat(bytes(0xEF, 0xBB, 0xBF), SIGNATURES.getBytes(StandardCharsets.UTF_8)),
                "s").signatures()).isEmpty();
    }

    private static byte[] encode(String charset) {
        return MANIFEST.getBytes(Charset.forName(charset));
    }

    private static byte[] replace(String text, byte[] replacement) {
        String[] parts = MANIFEST.split(text, 2);
        return concat(parts[0].getBytes(StandardCharsets.UTF_8), replacement,
                parts[1].getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
