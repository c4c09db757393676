package org.suptools.installer.api.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.suptools.installer.api.InstallError;
import org.suptools.tr50.Tr50Codec;

class MailboxAcksTest {

    @Test
    void aRunThatWroteNoReply_isAckedAsAFailureWithItsDocumentedCode() {
        String reply = new String(Tr50Codec.compact(MailboxAcks.unreported("M-8813", InstallError.INTERRUPTED,
                "the installer was killed")), StandardCharsets.UTF_8);

        assertThat(reply).isEqualTo("{\"1\":{\"command\":\"mailbox.ack\",\"params\":{\"id\":\"M-8813\","
                + "\"errorCode\":-90113,\"errorMessage\":\"the installer was killed\","
                + "\"params\":{\"status\":\"failure\"}}}}");
    }
}
