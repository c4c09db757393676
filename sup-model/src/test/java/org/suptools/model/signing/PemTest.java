package org.suptools.model.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PemTest {

    @Test
    void parse_ignoresTextAroundBlocks() {
        String text = "Bag Attributes: something\nsubject=CN=x\n-----BEGIN PUBLIC KEY-----\nAAEC\n-----END PUBLIC KEY-----\ntrailer\n";

        List<PemBlock> blocks = Pem.parse(text);

        assertThat(blocks).singleElement().satisfies(block -> {
            assertThat(block.label()).isEqualTo("PUBLIC KEY");
            assertThat(block.der()).containsExactly(0, 1, 2);
        });
    }

    @Test
    void parse_readsEncryptionHeaders() {
        String text = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAEC\n"
                + "-----END RSA PRIVATE KEY-----\n";

        PemBlock block = Pem.parse(text).get(0);

        assertThat(block.isEncrypted()).isTrue();
        assertThat(block.headers()).containsEntry("DEK-Info", "AES-128-CBC,00");
    }

    @Test
    void parse_rejectsMismatchedEnd() {
        assertThatThrownBy(() -> Pem.parse("-----BEGIN PUBLIC KEY-----\nAAEC\n-----END PRIVATE KEY-----\n"))
                .hasMessage("PEM block 'PUBLIC KEY' ends with 'PRIVATE KEY'");
    }

    @Test
    void parse_rejectsInvalidBase64() {
        assertThatThrownBy(() -> Pem.parse("-----BEGIN PUBLIC KEY-----\nA*EC\n-----END PUBLIC KEY-----\n"))
                .hasMessage("PEM block 'PUBLIC KEY' is not valid base64");
    }

    @Test
    void encode_wrapsAt64ColumnsWithTrailingNewline() {
        String pem = Pem.encode("PUBLIC KEY", new byte[100]);

        assertThat(pem).isEqualTo("-----BEGIN PUBLIC KEY-----\n"
                + "A".repeat(64) + "\n"
                + "A".repeat(64) + "\n"
                + "AAAAAA==\n"
                + "-----END PUBLIC KEY-----\n");
    }
}
