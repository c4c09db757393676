package org.suptools.installer.install;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.suptools.installer.api.InstallError;
import org.suptools.installer.api.event.RequestInfo;
import org.suptools.installer.api.report.Confirmation;
import org.suptools.installer.api.report.MailboxAcks;
import org.suptools.installer.api.report.ReportFiles;
import org.suptools.installer.report.AuditLine;
import org.suptools.installer.report.AuditLog;
import org.suptools.installer.report.Tr50Reply;
import org.suptools.tr50.Tr50Request;

/**
 * The reports made after an install, in a step of their own from confirmation.json as it is on
 * disk: the audit log lines, then the TR50 reply in the logs directory, a copy kept per install
 * in the state directory's {@code replies/} until an agent has sent it (a later install replaces
 * the one in the logs directory), and a copy where the caller asked. A request turned away
 * because another install holds the gateway gets only the ack, and only where the caller asked:
 * the files in the logs directory are the running install's.
 */
final class Reports {

    private Reports() {
    }

    static void write(ReportFiles files, Optional<Path> extraReply) throws IOException {
        Confirmation confirmation = Confirmation.read(files.confirmation());
        List<AuditLine> lines = AuditLog.appendFrom(confirmation, files.auditLog());
        Optional<Tr50Request> reply = Tr50Reply.of(confirmation, lines, confirmation.request().thingKey());
        Tr50Reply.write(reply, files.tr50Reply());
        Tr50Reply.write(reply, files.reply(confirmation.installId()));
        if (extraReply.isPresent()) {
            Tr50Reply.write(reply, extraReply.get());
        }
    }

    static void writeBusy(RequestInfo request, String message, Optional<Path> extraReply) throws IOException {
        if (extraReply.isPresent() && request.mailboxId().isPresent()) {
            Tr50Reply.write(MailboxAcks.unreported(request.mailboxId().get(), InstallError.BUSY, message),
                    extraReply.get());
        }
    }
}
