package org.suptools.installer.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.suptools.installer.api.InstallError;
import org.suptools.installer.api.InstallStatus;

/**
 * What happens during an install, in order. One runner emits them; the confirmation file, the
 * {@code --events} stream and any progress view listen to the same events. On the stream each is
 * one JSON object named by its {@code event} field ({@link InstallEvents} writes and reads them);
 * docs/reference/json-output.md lists the fields.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "event")
@JsonSubTypes({
    @JsonSubTypes.Type(value = InstallEvent.Started.class, name = "started"),
    @JsonSubTypes.Type(value = InstallEvent.Verified.class, name = "verified"),
    @JsonSubTypes.Type(value = InstallEvent.Planned.class, name = "planned"),
    @JsonSubTypes.Type(value = InstallEvent.Refused.class, name = "refused"),
    @JsonSubTypes.Type(value = InstallEvent.ActionStarted.class, name = "action-started"),
    @JsonSubTypes.Type(value = InstallEvent.ActionSucceeded.class, name = "action-succeeded"),
    @JsonSubTypes.Type(value = InstallEvent.ActionFailed.class, name = "action-failed"),
    @JsonSubTypes.Type(value = InstallEvent.ActionSkipped.class, name = "action-skipped"),
    @JsonSubTypes.Type(value = InstallEvent.RollbackStarted.class, name = "rollback-started"),
    @JsonSubTypes.Type(value = InstallEvent.ActionRolledBack.class, name = "action-rolled-back"),
    @JsonSubTypes.Type(value = InstallEvent.ActionRollbackFailed.class, name = "action-rollback-failed"),
    @JsonSubTypes.Type(value = InstallEvent.Finished.class, name = "finished")})
public sealed interface InstallEvent {

    Instant at();

    /** Hands this event to the handler's method for its kind. */
    void sendTo(InstallEventHandler handler);

    /** An event about one action of the plan. */
    sealed interface OfAction extends InstallEvent {
        /** 1-based, in plan order. */
        int index();

        int total();

        String id();

        String type();
    }

    /** An install began; the package is known by its file only. */
    record Started(Instant at, String installId, RequestInfo request, @JsonProperty("package") PackageInfo pkg)
            implements InstallEvent {
        @Override
        public void sendTo(InstallEventHandler handler) {
            handler.started(this);
        }
    }

    /** The package passed verification: structure, signatures, payload hashes, target, requirements, version. */
    record Verified(Instant at, @JsonProperty("package") PackageInfo pkg) implements InstallEvent {
        @Override
        public void sendTo(InstallEventHandler handler) {
            handler.verified(this);
        }
    }

    /** The plan is made: every action with its 1-based index; skipped ones carry the reason. */
    record Planned(Instant at, List<PlannedStep> actions) implements InstallEvent {
        public Planned {
            actions = actions == null ? List.of() : List.copyOf(actions);
        }

        @Override
        public void sendTo(InstallEventHandler handler) {
            handler.planned(this);
        }
    }

    /** One action as planned. */
    record PlannedStep(int index, String id, String type, Optional<String> description, Optional<String> skipReason) {
        public PlannedStep {
            description = description == null ? Optional.empty() : description;
            skipReason = skipReason == null ? Optional.empty() : skipReason;
        }
    }

    /** The package was refused before any change; no {@link Finished} follows. */
    record Refused(Instant at, InstallError error, String message) implements InstallEvent {
        /** The TR50 code of the error, written beside it for readers that do not know the names. */
        @JsonProperty(value = "errorCode", access = JsonProperty.Access.READ_ONLY)
        public int errorCode() {
            return error == null ? 0 : error.code();
        }

        @Override
        public void sendTo(InstallEventHandler handler) {
            handler.refused(this);
        }
    }

    record ActionStarted(Instant at, int index, int total, String id, String type) implements OfAction {
        @Override
        public void sendTo(InstallEventHandler handler) {
            handler.actionStarted(this);
        }
    }

    record ActionSucceeded(Instant at, int index, int total, String id, String type, String message,
            Optional<Integer> exitCode, Optional<String> outputTail) implements OfAction {
        public ActionSucceeded {
            exitCode = exitCode == null ? Optional.empty() : exitCode;
            outputTail = outputTail == null ? Optional.empty() : outputTail;
        }

        @Override
        public void sendTo(InstallEventHandler handler) {
            handler.actionSucceeded(this);
        }
    }

    record ActionFailed(Instant at, int index, int total, String id, String type, String message,
            Optional<Integer> exitCode, Optional<String> outputTail, boolean continuing) implements OfAction {
        public ActionFailed {
            exitCode = exitCode == null ? Optional.empty() : exitCode;
            outputTail = outputTail == null ? Optional.empty() : outputTail;
        }

        @Override
        public void sendTo(InstallEventHandler handler) {
            handler.actionFailed(this);
        }
    }

    record ActionSkipped(Instant at, int index, int total, String id, String type, String reason)
            implements OfAction {
        @Override
        public void sendTo(InstallEventHandler handler) {
            handler.actionSkipped(this);
        }
    }

    /** The installer is undoing what was done, newest first. */
    record RollbackStarted(Instant at, String reason) implements InstallEvent {
        @Override
        public void sendTo(InstallEventHandler handler) {
            handler.rollbackStarted(this);
        }
    }

    record ActionRolledBack(Instant at, int index, int total, String id, String type) implements OfAction {
        @Override
        public void sendTo(InstallEventHandler handler) {
            handler.actionRolledBack(this);
        }
    }

    record ActionRollbackFailed(Instant at, int index, int total, String id, String type, String message)
            implements OfAction {
        @Override
        public void sendTo(InstallEventHandler handler) {
            handler.actionRollbackFailed(this);
        }
    }

    /** The install is over. {@code recovery} says when a later run finished or undid an interrupted install. */
    record Finished(Instant at, InstallStatus status, Optional<InstallError> error, String message,
            boolean rebootRequired, Optional<String> recovery) implements InstallEvent {
        public Finished {
            error = error == null ? Optional.empty() : error;
            recovery = recovery == null ? Optional.empty() : recovery;
        }

        /** The TR50 code of the error, 0 when it succeeded. */
        @JsonProperty(value = "errorCode", access = JsonProperty.Access.READ_ONLY)
        public int errorCode() {
            return error.map(InstallError::code).orElse(0);
        }

        @Override
        public void sendTo(InstallEventHandler handler) {
            handler.finished(this);
        }
    }
}
