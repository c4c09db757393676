package org.suptools.installer.api.report;

import java.util.Optional;
import org.suptools.installer.api.InstallError;
import org.suptools.tr50.MailboxAck;
import org.suptools.tr50.Params;
import org.suptools.tr50.Tr50Request;

/**
 * The {@code mailbox.ack} that answers a campaign's mailbox message: {@code errorCode} 0 or the
 * install's documented code, the message, and {@code params: {status: success|failure, name,
 * version}}. The installer ends each TR50 reply with one; a caller builds one itself for a run that
 * wrote no reply ({@link #unreported}).
 */
public final class MailboxAcks {

    private MailboxAcks() {
    }

    public static MailboxAck of(String mailboxId, int errorCode, String errorMessage, boolean succeeded,
            Optional<String> name, Optional<String> version) {
        Params.Builder result = Params.builder().put("status", succeeded ? "success" : "failure");
        name.ifPresent(v -> result.put("name", v));
        version.ifPresent(v -> result.put("version", v));
        return new MailboxAck(mailboxId, errorCode, Optional.of(errorMessage), Optional.of(result.build()));
    }

    /**
     * The whole reply for a run that wrote none of its own: turned away because another install
     * held the gateway ({@link InstallError#BUSY}), or the installer crashed or was killed before it
     * could report ({@link InstallError#INTERNAL}, {@link InstallError#INTERRUPTED}).
     */
    public static Tr50Request unreported(String mailboxId, InstallError error, String message) {
        return Tr50Request.of(of(mailboxId, error.code(), message, false, Optional.empty(), Optional.empty()));
    }
}
