package org.suptools.installer.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.suptools.installer.InstallStatus;
import org.suptools.installer.fs.Durable;
import org.suptools.installer.fs.StateJson;

/**
 * The TR50 reply for one install: a {@code log.publish} per audit line (level 0 error, 1 warning,
 * 2 info; {@code corrId} the mailbox message id), then a {@code mailbox.ack} of the mailbox message
 * with {@code errorCode} 0 or the install's documented code, {@code errorMessage}, and
 * {@code params: {status: success|failure, name, version}}. Keyed {@code "1"}, {@code "2"}, ... as
 * a TR50 envelope. A manual install (no mailbox message) gets the log messages but no ack.
 */
public final class Tr50Reply {

    public static final String FILE_NAME = "tr50-reply.json";

    private Tr50Reply() {
    }

    public static ObjectNode of(Confirmation confirmation, List<AuditLine> lines, Optional<String> thingKey) {
        ObjectNode envelope = StateJson.mapper().createObjectNode();
        Optional<String> mailboxId = confirmation.request().mailboxId();
        int n = 0;
        for (AuditLine line : lines) {
            ObjectNode params = StateJson.mapper().createObjectNode();
            thingKey.ifPresent(key -> params.put("thingKey", key));
            params.put("ts", line.at().toString());
            params.put("msg", line.text());
            params.put("level", line.level().tr50());
            mailboxId.ifPresent(id -> params.put("corrId", id));
            envelope.set(Integer.toString(++n), command("log.publish", params));
        }
        if (mailboxId.isPresent()) {
            envelope.set(Integer.toString(++n), command("mailbox.ack", ack(confirmation, mailboxId.get())));
        }
        return envelope;
    }

    /** Only the {@code mailbox.ack}, for a request the installer turned away before it began (busy). */
    public static ObjectNode ackOnly(String mailboxId, int errorCode, String errorMessage, Optional<String> name,
            Optional<String> version) {
        ObjectNode envelope = StateJson.mapper().createObjectNode();
        envelope.set("1", command("mailbox.ack", ack(mailboxId, errorCode, errorMessage, "failure", name, version)));
        return envelope;
    }

    public static void write(ObjectNode reply, Path file) throws IOException {
        Durable.write(file, StateJson.pretty(reply));
    }

    private static ObjectNode ack(Confirmation c, String mailboxId) {
        String status = c.status() == InstallStatus.SUCCEEDED ? "success" : "failure";
        return ack(mailboxId, c.errorCode(), c.errorMessage(), status, c.pkg().name(), c.pkg().version());
    }

    private static ObjectNode ack(String mailboxId, int errorCode, String errorMessage, String status,
            Optional<String> name, Optional<String> version) {
        ObjectNode params = StateJson.mapper().createObjectNode();
        params.put("id", mailboxId);
        params.put("errorCode", errorCode);
        params.put("errorMessage", errorMessage);
        ObjectNode result = params.putObject("params");
        result.put("status", status);
        name.ifPresent(v -> result.put("name", v));
        version.ifPresent(v -> result.put("version", v));
        return params;
    }

    private static ObjectNode command(String name, ObjectNode params) {
        ObjectNode command = StateJson.mapper().createObjectNode();
        command.put("command", name);
        command.set("params", params);
        return command;
    }
}
