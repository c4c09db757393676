package org.suptools.installer.journal;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.suptools.installer.api.ActionStatus;
import org.suptools.installer.api.InstallError;
import org.suptools.installer.api.InstallStatus;

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
    @JsonSubTypes.Type(value = JournalRecord.Fault.class, name = "fault"),
    @JsonSubTypes.Type(value = JournalRecord.RuntimeRestored.class, name = "runtime-restored"),
    @JsonSubTypes.Type(value = JournalRecord.Ended.class, name = "ended"),
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
    record ActionDone(int index, ActionStatus status, Instant at, Optional<String> message) implements JournalRecord {
        public ActionDone {
            Objects.requireNonNull(status, "status");
            if (status != ActionStatus.SUCCEEDED && status != ActionStatus.FAILED && status != ActionStatus.SKIPPED) {
                throw new IllegalArgumentException("status: an action ends succeeded, failed or skipped, not "
                        + status.text());
            }
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

    /**
     * The installer met an error it did not expect (a bug, a broken clock, a journal it could not
     * write) and is bringing the install to an end the way recovery does after a kill.
     */
    record Fault(String message, Instant at) implements JournalRecord {
        public Fault {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * After the rollback's last undo, the runtime was brought to {@code state} ({@code running}:
     * started once, health check passed; or {@code stopped}). A recovery after this record does
     * not start it again unless an undo follows.
     */
    record RuntimeRestored(RuntimeState state, Instant at) implements JournalRecord {
        public RuntimeRestored {
            Objects.requireNonNull(state, "state");
        }
    }

    /**
     * How the install ended, settled before the reports are written: every change is final (the
     * package committed, kept or rolled back) and only the reports may be missing. A recovery
     * that finds it writes the reports from it, so they say the same whenever they are written.
     * {@code recovery} is the confirmation's recovery note, when a later run ended it.
     */
    record Ended(InstallStatus status, Optional<InstallError> error, String message, boolean rebootRequired,
            Optional<String> recovery, Instant at) implements JournalRecord {
        public Ended {
            Objects.requireNonNull(status, "status");
            error = error == null ? Optional.empty() : error;
            message = message == null ? "" : message;
            recovery = recovery == null ? Optional.empty() : recovery;
        }
    }

    /** The install is over and its reports are written; nothing left to recover. */
    record Finished(InstallStatus status, Instant at) implements JournalRecord {
    }
}
