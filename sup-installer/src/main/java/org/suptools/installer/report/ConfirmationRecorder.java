package org.suptools.installer.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.suptools.installer.api.ActionStatus;
import org.suptools.installer.api.InstallStatus;
import org.suptools.installer.api.event.InstallEvent;
import org.suptools.installer.api.report.ActionRecord;
import org.suptools.installer.api.report.Confirmation;
import org.suptools.installer.event.InstallListener;
import org.suptools.installer.fs.Durable;

/**
 * Keeps confirmation.json up to date from the install events: every event that changes the
 * record rewrites the file atomically, so the file on disk always says how far the install got.
 * A write that fails does not stop the install; the failure is kept until a later write succeeds,
 * so the caller knows whether the file on disk is the latest.
 */
public final class ConfirmationRecorder implements InstallListener {

    private final Path file;
    private Confirmation current;
    /** What was last written to the file, or null. */
    private byte[] written;
    private IOException failure;

    private ConfirmationRecorder(Path file, Confirmation current) {
        this.file = file;
        this.current = current;
    }

    /** A recorder for a new install; it writes nothing before the first event. */
    public static ConfirmationRecorder create(Path file) {
        return new ConfirmationRecorder(file, null);
    }

    /** A recorder that goes on with an existing record (recovery of an interrupted install). */
    public static ConfirmationRecorder resume(Path file, Confirmation existing) {
        return new ConfirmationRecorder(file, existing);
    }

    public Optional<Confirmation> current() {
        return Optional.ofNullable(current);
    }

    public Path file() {
        return file;
    }

    /** Why the file on disk is not the latest record: the last write failed. Empty when it is. */
    public Optional<IOException> failure() {
        return Optional.ofNullable(failure);
    }

    /** Replaces the record (the final one, derived from the journal) and writes it. */
    public Optional<IOException> replace(Confirmation confirmation) {
        current = confirmation;
        write();
        return failure();
    }

    @Override
    public void on(InstallEvent event) {
        if (event instanceof InstallEvent.Started e) {
            current = new Confirmation(Confirmation.FORMAT_VERSION, e.installId(), e.pkg(), e.request(), e.at(),
                    Optional.empty(), InstallStatus.IN_PROGRESS, 0, Optional.empty(), "", Optional.empty(), false,
                    List.of());
        } else if (current == null) {
            return;
        } else if (event instanceof InstallEvent.Verified e) {
            current = current.withPackage(e.pkg());
        } else if (event instanceof InstallEvent.Planned e) {
            List<ActionRecord> actions = new ArrayList<>();
            e.actions().forEach(step -> actions.add(ActionRecord.notRun(step.index(), step.id(), step.type(),
                    step.description())));
            current = current.withActions(actions);
        } else if (event instanceof InstallEvent.ActionStarted e) {
            update(e.index(), a -> a.started(e.at()));
        } else if (event instanceof InstallEvent.ActionSucceeded e) {
            update(e.index(), a -> a.ended(ActionStatus.SUCCEEDED, e.at(), e.message(), e.exitCode(), e.outputTail()));
        } else if (event instanceof InstallEvent.ActionFailed e) {
            update(e.index(), a -> a.ended(ActionStatus.FAILED, e.at(), e.message(), e.exitCode(), e.outputTail()));
        } else if (event instanceof InstallEvent.ActionSkipped e) {
            update(e.index(), a -> a.ended(ActionStatus.SKIPPED, e.at(), e.reason(), Optional.empty(), Optional.empty()));
        } else if (event instanceof InstallEvent.ActionRolledBack e) {
            update(e.index(), a -> a.rolledBack(a.status() == ActionStatus.FAILED ? ActionStatus.FAILED
                    : ActionStatus.ROLLED_BACK, e.at(), Optional.empty()));
        } else if (event instanceof InstallEvent.ActionRollbackFailed e) {
            update(e.index(), a -> a.rolledBack(ActionStatus.ROLLBACK_FAILED, e.at(),
                    Optional.of("rollback failed: " + e.message())));
        } else if (event instanceof InstallEvent.Refused e) {
            current = current.finished(e.at(), InstallStatus.REFUSED, Optional.of(e.error()), e.message(), false,
                    Optional.empty());
        } else if (event instanceof InstallEvent.Finished e) {
            current = current.finished(e.at(), e.status(), e.error(), e.message(), e.rebootRequired(), e.recovery());
        } else if (event instanceof InstallEvent.RollbackStarted) {
            return;
        }
        write();
    }

    private void update(int index, UnaryOperator<ActionRecord> change) {
        List<ActionRecord> actions = new ArrayList<>(current.actions());
        for (int i = 0; i < actions.size(); i++) {
            if (actions.get(i).index() == index) {
                actions.set(i, change.apply(actions.get(i)));
            }
        }
        current = current.withActions(actions);
    }

    private void write() {
        // The bytes, not the records, are compared: a record's first equals links its generated
        // method at run time, tens of milliseconds at an install's start for a few KiB of JSON.
        byte[] bytes = current.toBytes();
        if (Arrays.equals(bytes, written) && failure == null) {
            return;
        }
        try {
            Durable.write(file, bytes);
            written = bytes;
            failure = null;
        } catch (IOException e) {
            failure = e;
        }
    }
}
