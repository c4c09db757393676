package org.suptools.installer.journal;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of the install journal ({@code <stateDir>/journal/current.jsonl}). Each is forced to
 * disk before the installer goes on, so after a crash the journal says how far it got.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "record")
@JsonSubTypes({
    @JsonSubTypes.Type(value = JournalRecord.InstallBegun.class, name = "install"),
    @JsonSubTypes.Type(value = JournalRecord.ActionBegun.class, name = "begin"),
    @JsonSubTypes.Type(value = JournalRecord.Steps.class, name = "steps"),
    @JsonSubTypes.Type(value = JournalRecord.ActionDone.class, name = "done"),
    @JsonSubTypes.Type(value = JournalRecord.RollbackBegun.class, name = "rollback"),
    @JsonSubTypes.Type(value = JournalRecord.StepReversed.class, name = "reversed"),
    @JsonSubTypes.Type(value = JournalRecord.ActionUndone.class, name = "undone"),
    @JsonSubTypes.Type(value = JournalRecord.Committed.class, name = "committed"),
    @JsonSubTypes.Type(value = JournalRecord.Kept.class, name = "kept"),
    @JsonSubTypes.Type(value = JournalRecord.Finished.class, name = "finished")
})
public sealed interface JournalRecord {

    /**
     * The first record: which package, for whom, the manifest itself (recovery must undo without
     * the .sup), and whether the runtime was running (null when the package does not touch it).
     */
    record InstallBegun(String installId, Instant startedAt, JsonNode manifest, JsonNode packageInfo,
            JsonNode request, Boolean runtimeWasRunning) implements JournalRecord {
        public InstallBegun {
            Objects.requireNonNull(installId, "installId");
            Objects.requireNonNull(manifest, "manifest");
        }
    }

    /** Action {@code index} (1-based) is about to start. */
    record ActionBegun(int index, Instant at) implements JournalRecord {
    }

    /** Changes action {@code index} is about to make. */
    record Steps(int index, List<UndoStep> steps) implements JournalRecord {
        public Steps {
            steps = List.copyOf(steps);
        }
    }

    /** Action {@code index} ended: {@code succeeded}, {@code failed} or {@code skipped}. */
    record ActionDone(int index, String status, Instant at, Optional<String> message) implements JournalRecord {
        public ActionDone {
            message = message == null ? Optional.empty() : message;
        }
    }

    /** The installer decided to undo what was done; {@code reason} says why. */
    record RollbackBegun(String reason, Instant at) implements JournalRecord {
    }

    /** Step {@code step} (0-based, in journal order) of action {@code index} was reversed. */
    record StepReversed(int index, int step) implements JournalRecord {
    }

    /** Action {@code index} was undone ({@code ok}) or its undo failed ({@code message} says how). */
    record ActionUndone(int index, boolean ok, Instant at, Optional<String> message) implements JournalRecord {
        public ActionUndone {
            message = message == null ? Optional.empty() : message;
        }
    }

    /** Every action is done: from here on the package is installed, whatever happens. */
    record Committed(Instant at) implements JournalRecord {
    }

    /**
     * An action failed and the failure policy is {@code stop}: what was done stays. From here on,
     * recovery finishes instead of undoing.
     */
    record Kept(Instant at, String message) implements JournalRecord {
    }

    /** The install is over and its reports are written; nothing left to recover. */
    record Finished(String status, Instant at) implements JournalRecord {
    }
}
