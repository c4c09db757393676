package org.suptools.installer.api.event;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.suptools.installer.api.InstallError;
import org.suptools.installer.api.InstallStatus;

/**
 * What happens during an install, in order. One runner emits them; the confirmation file, the
 * {@code --events} stream and any progress view listen to the same events.
 */
public sealed interface InstallEvent {

    Instant at();

    /** An install began; the package is known by its file only. */
    record Started(Instant at, String installId, RequestInfo request, PackageInfo pkg) implements InstallEvent {
    }

    /** The package passed verification: structure, signatures, payload hashes, target, requirements, version. */
    record Verified(Instant at, PackageInfo pkg) implements InstallEvent {
    }

    /** The plan is made: every action with its 1-based index; skipped ones carry the reason. */
    record Planned(Instant at, List<PlannedStep> actions) implements InstallEvent {
        public Planned {
            actions = List.copyOf(actions);
        }
    }

    /** One action as planned. */
    record PlannedStep(int index, String id, String type, Optional<String> description, Optional<String> skipReason) {
    }

    /** The package was refused before any change. */
    record Refused(Instant at, InstallError error, String message) implements InstallEvent {
    }

    record ActionStarted(Instant at, int index, int total, String id, String type) implements InstallEvent {
    }

    record ActionSucceeded(Instant at, int index, int total, String id, String type, String message,
            Optional<Integer> exitCode, Optional<String> outputTail) implements InstallEvent {
    }

    record ActionFailed(Instant at, int index, int total, String id, String type, String message,
            Optional<Integer> exitCode, Optional<String> outputTail, boolean continuing) implements InstallEvent {
    }

    record ActionSkipped(Instant at, int index, int total, String id, String type, String reason)
            implements InstallEvent {
    }

    /** The installer is undoing what was done, newest first. */
    record RollbackStarted(Instant at, String reason) implements InstallEvent {
    }

    record ActionRolledBack(Instant at, int index, int total, String id, String type) implements InstallEvent {
    }

    record ActionRollbackFailed(Instant at, int index, int total, String id, String type, String message)
            implements InstallEvent {
    }

    /** The install is over. {@code recovery} says when a later run finished or undid an interrupted install. */
    record Finished(Instant at, InstallStatus status, Optional<InstallError> error, String message,
            boolean rebootRequired, Optional<String> recovery) implements InstallEvent {
    }
}
