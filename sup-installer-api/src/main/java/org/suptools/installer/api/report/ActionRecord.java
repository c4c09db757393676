package org.suptools.installer.api.report;

import java.time.Instant;
import java.util.Optional;
import org.suptools.installer.api.ActionStatus;

/**
 * One action in confirmation.json: its 1-based index, id, type and description, its status, when
 * it started, completed and (if it was) was rolled back, a message, and for commands the exit code
 * and the tail of the output.
 */
public record ActionRecord(
        int index,
        String id,
        String type,
        Optional<String> description,
        ActionStatus status,
        Optional<Instant> startedAt,
        Optional<Instant> completedAt,
        Optional<Instant> rolledBackAt,
        Optional<String> message,
        Optional<Integer> exitCode,
        Optional<String> outputTail) {

    public ActionRecord {
        description = description == null ? Optional.empty() : description;
        startedAt = startedAt == null ? Optional.empty() : startedAt;
        completedAt = completedAt == null ? Optional.empty() : completedAt;
        rolledBackAt = rolledBackAt == null ? Optional.empty() : rolledBackAt;
        message = message == null ? Optional.empty() : message;
        exitCode = exitCode == null ? Optional.empty() : exitCode;
        outputTail = outputTail == null ? Optional.empty() : outputTail;
    }

    public static ActionRecord notRun(int index, String id, String type, Optional<String> description) {
        return new ActionRecord(index, id, type, description, ActionStatus.NOT_RUN, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public ActionRecord started(Instant at) {
        return new ActionRecord(index, id, type, description, ActionStatus.IN_PROGRESS, Optional.of(at), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public ActionRecord ended(ActionStatus newStatus, Instant at, String text, Optional<Integer> code,
            Optional<String> tail) {
        return new ActionRecord(index, id, type, description, newStatus, startedAt.or(() -> Optional.of(at)),
                Optional.of(at), rolledBackAt, Optional.ofNullable(text).filter(t -> !t.isEmpty()), code, tail);
    }

    public ActionRecord rolledBack(ActionStatus newStatus, Instant at, Optional<String> text) {
        return new ActionRecord(index, id, type, description, newStatus, startedAt, completedAt, Optional.of(at),
                text.or(() -> message), exitCode, outputTail);
    }
}
