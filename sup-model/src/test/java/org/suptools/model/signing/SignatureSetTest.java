package org.suptools.model.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.suptools.model.InvalidPackageException;
import org.suptools.model.InvalidPackageException.Reason;

class SignatureSetTest {

    private static final String KEY_A = "0a0a0a0a0a0a0a0a";
    private static final String KEY_B = "0b0b0b0b0b0b0b0b";
    private static final PackageSignature BY_A = new PackageSignature(KEY_A, KeyAlgorithm.ED25519, "AQID");
    private static final PackageSignature BY_B = new PackageSignature(KEY_B, KeyAlgorithm.RSA_PSS, "BAUG");

    @Test
    void toJson_isCanonicalWithSignaturesSortedByKeyId() {
        SignatureSet set = new SignatureSet(List.of(BY_B, BY_A));

        assertThat(new String(set.toJson(), StandardCharsets.UTF_8)).isEqualTo("{\"signatures\":["
                + "{\"keyId\":\"0a0a0a0a0a0a0a0a\",\"algorithm\":\"ed25519\",\"signature\":\"AQID\"},"
                + "{\"keyId\":\"0b0b0b0b0b0b0b0b\",\"algorithm\":\"rsa-pss\",\"signature\":\"BAUG\"}]}\n");
    }

    @Test
    void toJson_ofEmptySet() {
        assertThat(new String(SignatureSet.empty().toJson(), StandardCharsets.UTF_8)).isEqualTo("{\"signatures\":[]}\n");
    }

    @Test
    void parse_acceptsAnyWhitespaceAndGivesBackTheCanonicalBytes() throws Exception {
        String pretty = """
                {
                  "signatures" : [
                    { "signature" : "BAUG", "algorithm" : "rsa-pss", "keyId" : "0b0b0b0b0b0b0b0b" },
                    { "keyId" : "0a0a0a0a0a0a0a0a", "algorithm" : "ed25519", "signature" : "AQID" }
                  ]
                }
                """;

        SignatureSet set = SignatureSet.parse(pretty.getBytes(StandardCharsets.UTF_8), "signatures.json");

        assertThat(set.signatures()).containsExactly(BY_A, BY_B);
        assertThat(set.toJson()).isEqualTo(new SignatureSet(List.of(BY_A, BY_B)).toJson());
    }

    @Test
    void parse_roundTripsToJson() throws Exception {
        SignatureSet set = new SignatureSet(List.of(BY_A, BY_B));

        assertThat(SignatureSet.parse(set.toJson(), "signatures.json")).isEqualTo(set);
    }

    @Test
    void parse_acceptsEmptyList() throws Exception {
        assertThat(SignatureSet.parse("{\"signatures\":[]}".getBytes(StandardCharsets.UTF_8), "s.json").isEmpty())
                .isTrue();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{\"signatures\":[{\"keyId\":\"0a0a0a0a0a0a0a0a\",\"algorithm\":\"dsa\",\"signature\":\"AQID\"}]}"
                + " | signatures[0].algorithm: unknown algorithm 'dsa' (known: ed25519, ecdsa-p256, rsa-pss)",
        "{\"signatures\":[{\"keyId\":\"0a0a0a0a0a0a0a0a\",\"algorithm\":\"rsa-3072\",\"signature\":\"AQID\"}]}"
                + " | signatures[0].algorithm: unknown algorithm 'rsa-3072' (known: ed25519, ecdsa-p256, rsa-pss)",
        "{\"signatures\":[{\"keyId\":\"0a0a0a0a0a0a0a0a\",\"algorithm\":\"ED25519\",\"signature\":\"AQID\"}]}"
                + " | signatures[0].algorithm: unknown algorithm 'ED25519' (known: ed25519, ecdsa-p256, rsa-pss)",
        "{\"signatures\":[{\"keyId\":\"0a0a0a0a0a0a0a0a\",\"algorithm\":\"ed25519\",\"signature\":\"A*ID\"}]}"
                + " | signatures[0].signature: not valid base64",
        "{\"signatures\":[{\"keyId\":\"0a0a0a0a0a0a0a0a\",\"algorithm\":\"ed25519\",\"signature\":\"AQI\"}]}"
                + " | signatures[0].signature: not in canonical base64 (padded, no stray bits)",
        "{\"signatures\":[{\"keyId\":\"0a0a0a0a0a0a0a0a\",\"algorithm\":\"ed25519\",\"signature\":\"\"}]}"
                + " | signatures[0].signature: must not be empty",
        "{\"signatures\":[{\"keyId\":\"0A0A0A0A0A0A0A0A\",\"algorithm\":\"ed25519\",\"signature\":\"AQID\"}]}"
                + " | signatures[0].keyId: '0A0A0A0A0A0A0A0A' is not 16 lowercase hex digits",
        "{\"signatures\":[{\"keyId\":\"0a0a0a0a0a0a0a0a\",\"algorithm\":\"ed25519\",\"signature\":\"AQID\"},"
                + "{\"keyId\":\"0a0a0a0a0a0a0a0a\",\"algorithm\":\"ed25519\",\"signature\":\"BAUG\"}]}"
                + " | signatures[1].keyId: key 0a0a0a0a0a0a0a0a already signed in signatures[0]",
        "{\"signatures\":[{\"keyId\":\"0a0a0a0a0a0a0a0a\",\"algorithm\":\"ed25519\"}]}"
                + " | signatures[0].signature: missing",
        "{\"signatures\":[{\"keyId\":\"0a0a0a0a0a0a0a0a\",\"algorithm\":\"ed25519\",\"signature\":42}]}"
                + " | signatures[0].signature: must be a string",
        "{\"signatures\":[{\"keyId\":\"0a0a0a0a0a0a0a0a\",\"algorithm\":\"ed25519\",\"signature\":\"AQID\",\"note\":\"x\"}]}"
                + " | signatures[0].note: unknown field",
        "{\"signatures\":[\"AQID\"]} | signatures[0]: must be an object",
        "{\"signatures\":{}} | signatures: must be an array",
        "{} | signatures: must be an array",
        "{\"signatures\":[],\"version\":1} | version: unknown field",
        "[] | must be a JSON object with a \"signatures\" array",
    })
    void parse_rejectsMalformedInputNamingFileAndField(String json, String problem) {
        assertThatThrownBy(() -> SignatureSet.parse(json.getBytes(StandardCharsets.UTF_8), "signatures.json"))
                .isInstanceOfSatisfying(InvalidPackageException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_SIGNATURES))
                .hasMessage("signatures.json: " + problem);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"signatures\":[]",
        "{\"signatures\":[]}{}",
        "{\"signatures\":[],\"signatures\":[]}",
        "",
        "not json",
    })
    void parse_rejectsInvalidJsonOnOneLine(String json) {
        assertThatThrownBy(() -> SignatureSet.parse(json.getBytes(StandardCharsets.UTF_8), "signatures.json"))
                .isInstanceOfSatisfying(InvalidPackageException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_SIGNATURES))
                .hasMessageStartingWith("signatures.json:")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("Exception"));
    }

    @Test
    void parse_rejectsDataAfterTheObject() {
        byte[] json = "{\"signatures\":[]}\n{}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> SignatureSet.parse(json, "signatures.json"))
                .hasMessage("signatures.json: unexpected data after the JSON value at line 2, column 1");
    }

    @Test
    void parse_rejectsDuplicateJsonField() {
        byte[] json = "{\"signatures\":[],\"signatures\":[]}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> SignatureSet.parse(json, "signatures.json"))
                .hasMessage("signatures.json:1:30: 'signatures' appears twice in the same object; keep one");
    }

    @Test
    void parse_rejectsFilesOver64KiB() {
        byte[] huge = ("{\"signatures\":[]}" + " ".repeat(SignatureSet.MAX_JSON_SIZE)).getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> SignatureSet.parse(huge, "signatures.json"))
                .isInstanceOf(InvalidPackageException.class)
                .hasMessage("signatures.json: " + huge.length + " bytes exceeds the limit of 65536");
    }

    @Test
    void with_replacesTheSignatureBySameKey() {
        PackageSignature again = new PackageSignature(KEY_A, KeyAlgorithm.ED25519, "BwgJ");

        SignatureSet set = new SignatureSet(List.of(BY_A, BY_B)).with(again);

        assertThat(set.signatures()).containsExactly(again, BY_B);
    }

    @Test
    void with_addsSignatureByNewKeyInKeyIdOrder() {
        assertThat(SignatureSet.empty().with(BY_B).with(BY_A).signatures()).containsExactly(BY_A, BY_B);
    }

    @Test
    void constructor_rejectsTwoSignaturesBySameKey() {
        PackageSignature again = new PackageSignature(KEY_A, KeyAlgorithm.ED25519, "BwgJ");

        assertThatThrownBy(() -> new SignatureSet(List.of(BY_A, again)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("signatures: more than one signature by key 0a0a0a0a0a0a0a0a");
    }

    @Test
    void packageSignature_bytesDecodeTheValue() {
        assertThat(PackageSignature.of(KEY_A, KeyAlgorithm.ED25519, new byte[] {1, 2, 3}).value()).isEqualTo("AQID");
        assertThat(BY_A.bytes()).containsExactly(1, 2, 3);
    }
}
