package org.suptools.installer.install;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.suptools.installer.api.report.Confirmation;
import org.suptools.installer.report.AuditLine;
import org.suptools.installer.report.AuditLog;
import org.suptools.installer.report.Tr50Reply;
import org.suptools.tr50.Tr50Request;

/**
 * The reports made after an install, in a step of their own from confirmation.json as it is on
 * disk: the audit log lines, then the TR50 reply in the logs directory, a copy kept per install
 * in {@code <stateDir>/replies/<install-id>.json} until an agent has sent it (a later install
 * replaces the one in the logs directory), and a copy where the caller asked.
 */
final class Reports {

    private Reports() {
    }

    /** Where the TR50 replies wait for an agent to send them, one file per install. */
    static final String REPLIES = "replies";

    static void write(Path logsDir, Path stateDir, Optional<Path> extraReply) throws IOException {
        Path confirmationFile = logsDir.resolve(Confirmation.FILE_NAME);
        List<AuditLine> lines = AuditLog.appendFrom(confirmationFile, logsDir.resolve(AuditLog.FILE_NAME));
        Confirmation confirmation = Confirmation.read(confirmationFile);
        Optional<Tr50Request> reply = Tr50Reply.of(confirmation, lines, confirmation.request().thingKey());
        Tr50Reply.write(reply, logsDir.resolve(Tr50Reply.FILE_NAME));
        Tr50Reply.write(reply, stateDir.resolve(REPLIES).resolve(confirmation.installId() + ".json"));
        if (extraReply.isPresent()) {
            Tr50Reply.write(reply, extraReply.get());
        }
    }
}
