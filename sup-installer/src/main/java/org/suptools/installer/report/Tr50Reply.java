package org.suptools.installer.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.suptools.installer.api.InstallStatus;
import org.suptools.installer.api.report.Confirmation;
import org.suptools.installer.api.report.MailboxAcks;
import org.suptools.installer.fs.Durable;
import org.suptools.tr50.LogLevel;
import org.suptools.tr50.LogPublish;
import org.suptools.tr50.Tr50Codec;
import org.suptools.tr50.Tr50Command;
import org.suptools.tr50.Tr50Request;

/**
 * The TR50 reply for one install, as the commands the gateway sends the portal: a {@code
 * log.publish} per audit line (level 0 error, 1 warning, 2 info; {@code corrId} the mailbox
 * message id), then a {@code mailbox.ack} of the mailbox message with {@code errorCode} 0 or the
 * install's documented code, {@code errorMessage}, and {@code params: {status: success|failure,
 * name, version}}, numbered {@code "1"}, {@code "2"}, ... as a TR50 request (sup-tr50). A manual
 * install (no mailbox message) gets the log messages but no ack.
 */
public final class Tr50Reply {

    /** What an install that has nothing to send writes: an empty envelope. */
    private static final byte[] EMPTY = "{ }\n".getBytes(StandardCharsets.UTF_8);

    private Tr50Reply() {
    }

    /** The reply for a finished install; empty for a manual install that logged nothing. */
    public static Optional<Tr50Request> of(Confirmation confirmation, List<AuditLine> lines,
            Optional<String> thingKey) {
        Optional<String> mailboxId = confirmation.request().mailboxId();
        List<Tr50Command> commands = new ArrayList<>();
        for (AuditLine line : lines) {
            commands.add(new LogPublish(thingKey, Optional.of(line.at()), line.text(), level(line.level()), mailboxId));
        }
        if (mailboxId.isPresent()) {
            commands.add(MailboxAcks.of(mailboxId.get(), confirmation.errorCode(), confirmation.errorMessage(),
                    confirmation.status() == InstallStatus.SUCCEEDED, confirmation.pkg().name(),
                    confirmation.pkg().version()));
        }
        return commands.isEmpty() ? Optional.empty() : Optional.of(Tr50Request.of(commands));
    }

    /** Writes the reply as the portal reads it; {@code {}} when there is nothing to send. */
    public static void write(Optional<Tr50Request> reply, Path file) throws IOException {
        Durable.write(file, reply.map(Tr50Codec::pretty).orElse(EMPTY));
    }

    public static void write(Tr50Request reply, Path file) throws IOException {
        write(Optional.of(reply), file);
    }

    private static Optional<LogLevel> level(AuditLine.Level level) {
        return LogLevel.ofCode(level.tr50());
    }
}
