package org.suptools.installer.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.suptools.installer.api.report.ActionRecord;
import org.suptools.installer.api.report.Confirmation;
import org.suptools.installer.fs.Durable;

/**
 * Derives the audit log messages of an install from its confirmation.json, as a step of its own
 * after the install (as the gateway does): the file is read back from disk, so what is audited is
 * exactly what the confirmation says. One line per state change: the install started, each
 * action's outcome (and its rollback), the final result.
 */
public final class AuditLog {

    private AuditLog() {
    }

    /**
     * Appends the lines of the confirmation to the audit log (forced to disk) and returns them.
     * Lines already there (the reports of an install written again, after a crash that came just
     * after them) are not appended twice.
     */
    public static List<AuditLine> appendFrom(Confirmation confirmation, Path auditLog) throws IOException {
        List<AuditLine> lines = linesOf(confirmation);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                text.append('\n');
            }
            text.append(lines.get(i).format());
        }
        if (!lines.isEmpty() && !endsWith(auditLog, text + "\n")) {
            Durable.appendLine(auditLog, text.toString());
        }
        return lines;
    }

    /** True when the file ends with exactly this text (read from its end, never the whole file). */
    private static boolean endsWith(Path file, String text) throws IOException {
        byte[] tail = text.getBytes(StandardCharsets.UTF_8);
        if (!Files.exists(file) || Files.size(file) < tail.length) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(tail.length);
            long position = channel.size() - tail.length;
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, position + buffer.position()) < 0) {
                    return false;
                }
            }
            return Arrays.equals(buffer.array(), tail);
        }
    }

    /** The audit lines of one install, in time order. */
    public static List<AuditLine> linesOf(Confirmation confirmation) {
        String prefix = "SUP " + confirmation.pkg().label() + ": ";
        List<AuditLine> lines = new ArrayList<>();
        lines.add(new AuditLine(confirmation.startedAt(), AuditLine.Level.INFO, prefix + "install started ("
                + requestText(confirmation) + ")"));
        int total = confirmation.actions().size();
        for (ActionRecord action : confirmation.actions()) {
            String name = prefix + "action " + action.index() + "/" + total + " " + action.type();
            var completed = action.completedAt().orElse(confirmation.startedAt());
            switch (action.status()) {
                case SUCCEEDED -> lines.add(new AuditLine(completed, AuditLine.Level.INFO, name + " succeeded"));
                case SKIPPED -> lines.add(new AuditLine(completed, AuditLine.Level.INFO, name + " skipped"
                        + action.message().map(m -> ": " + m).orElse("")));
                case FAILED -> lines.add(new AuditLine(completed, AuditLine.Level.ERROR, name + " failed"
                        + action.message().map(m -> ": " + m).orElse("")));
                case ROLLED_BACK -> {
                    lines.add(new AuditLine(completed, AuditLine.Level.INFO, name + " succeeded"));
                    lines.add(new AuditLine(action.rolledBackAt().orElse(completed), AuditLine.Level.WARNING,
                            name + " rolled back"));
                }
                case ROLLBACK_FAILED -> {
                    lines.add(new AuditLine(completed, AuditLine.Level.INFO, name + " succeeded"));
                    lines.add(new AuditLine(action.rolledBackAt().orElse(completed), AuditLine.Level.ERROR,
                            name + " could not be rolled back" + action.message().map(m -> ": " + m).orElse("")));
                }
                case IN_PROGRESS -> lines.add(new AuditLine(action.startedAt().orElse(completed),
                        AuditLine.Level.WARNING, name + " was interrupted"));
                case NOT_RUN -> {
                }
            }
        }
        lines.add(finalLine(confirmation, prefix));
        lines.sort(Comparator.comparing(AuditLine::at));
        return lines;
    }

    private static AuditLine finalLine(Confirmation c, String prefix) {
        var at = c.completedAt().orElse(c.startedAt());
        String recovery = c.recovery().map(r -> " (" + r + ")").orElse("");
        String error = c.errorMessage().isEmpty() ? "" : ": " + c.errorMessage();
        return switch (c.status()) {
            case SUCCEEDED -> new AuditLine(at, c.rebootRequired() ? AuditLine.Level.WARNING : AuditLine.Level.INFO,
                    prefix + "installed successfully" + recovery + (c.rebootRequired() ? "; a reboot is required" : ""));
            case ROLLED_BACK -> new AuditLine(at, AuditLine.Level.ERROR, prefix + "failed and rolled back" + recovery + error);
            case FAILED -> new AuditLine(at, AuditLine.Level.ERROR, prefix + "failed; stopped where it failed" + recovery
                    + error);
            case ROLLBACK_INCOMPLETE -> new AuditLine(at, AuditLine.Level.ERROR, prefix
                    + "rollback incomplete, the gateway needs attention" + recovery + error);
            case REFUSED -> new AuditLine(at, AuditLine.Level.ERROR, prefix + "refused" + error);
            case IN_PROGRESS -> new AuditLine(at, AuditLine.Level.WARNING, prefix + "still in progress");
        };
    }

    private static String requestText(Confirmation c) {
        List<String> parts = new ArrayList<>();
        c.request().campaignId().ifPresent(id -> parts.add("campaign " + id));
        c.request().mailboxId().ifPresent(id -> parts.add("mailbox " + id));
        return parts.isEmpty() ? c.request().source() : String.join(", ", parts);
    }

}
