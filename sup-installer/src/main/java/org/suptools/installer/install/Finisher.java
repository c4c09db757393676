package org.suptools.installer.install;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.suptools.installer.api.ActionStatus;
import org.suptools.installer.api.InstallError;
import org.suptools.installer.api.InstallStatus;
import org.suptools.installer.api.event.InstallEvent;
import org.suptools.installer.api.event.PackageInfo;
import org.suptools.installer.api.report.Confirmation;
import org.suptools.installer.api.report.ReportFiles;
import org.suptools.installer.exec.ActionFailedException;
import org.suptools.installer.exec.GatewayFiles;
import org.suptools.installer.fs.Confinement;
import org.suptools.installer.fs.Trees;
import org.suptools.installer.journal.Journal;
import org.suptools.installer.journal.JournalRecord;
import org.suptools.installer.journal.JournalState;
import org.suptools.installer.journal.UndoStep;
import org.suptools.installer.report.ConfirmationRecorder;
import org.suptools.installer.state.History;
import org.suptools.installer.state.HistoryEntry;
import org.suptools.installer.state.InstalledPackage;
import org.suptools.installer.state.Inventory;
import org.suptools.model.action.FirmwareUpdate;
import org.suptools.model.action.SystemReboot;
import org.suptools.model.manifest.Manifest;

/**
 * Ends an install the same way whether it just ran or is being recovered: removes temporary
 * files and trees set aside, updates the inventory when committed, journals how it ended, then
 * writes the final confirmation (its actions as the journal tells them), the history line, the
 * audit log and the TR50 reply, and closes the journal. Every part can be repeated, so a crash
 * while finishing is finished again by the next run; a report that cannot be written keeps the
 * journal open, so that {@code recover} writes it once it can.
 */
final class Finisher {

    /**
     * How the install ended, what could not be reported, and what else the operator should know
     * (temporary files left because their path now leads outside the allowed roots).
     */
    record Ending(InstallStatus status, Optional<InstallError> error, String message, boolean rebootRequired,
            List<String> unwritten, List<String> notes) {
        Ending {
            unwritten = List.copyOf(unwritten);
            notes = List.copyOf(notes);
        }
    }

    private final Path stateDir;
    private final Path logsDir;
    private final GatewayFiles files;
    private final Journal journal;
    private final EventBus events;
    private final ConfirmationRecorder recorder;
    private final Clock clock;
    private final List<String> notes = new ArrayList<>();

    Finisher(Path stateDir, Path logsDir, Confinement confinement, Journal journal, EventBus events,
            ConfirmationRecorder recorder, Clock clock) {
        this.stateDir = stateDir;
        this.logsDir = logsDir;
        this.files = new GatewayFiles(confinement);
        this.journal = journal;
        this.events = events;
        this.recorder = recorder;
        this.clock = clock;
    }

    /**
     * After commit (or kept changes): removes what was only temporary, and what the new state made
     * obsolete. A path that now leads outside the allowed roots is left alone, with a warning.
     */
    void cleanUpKept() throws IOException {
        JournalState state = journal.state();
        for (List<UndoStep> steps : state.steps().values()) {
            for (UndoStep step : steps) {
                if (step instanceof UndoStep.Created created && created.temporary()) {
                    remove(Path.of(created.path()));
                } else if (step instanceof UndoStep.Obsolete obsolete) {
                    remove(Path.of(obsolete.path()));
                }
            }
        }
    }

    private void remove(Path path) throws IOException {
        try {
            files.deleteTree(path);
        } catch (ActionFailedException e) {
            notes.add("not removed: " + e.getMessage());
        }
    }

    /** Records the package as installed, with the runtime version a firmware update brought. */
    void updateInventory(Manifest manifest, PackageInfo info, String installId) throws IOException {
        JournalState state = journal.state();
        Inventory inventory = Inventory.read(stateDir).with(manifest.name(),
                new InstalledPackage(manifest.version(), clock.instant(), info.sha256(), installId));
        for (JournalRecord.ActionDone done : state.done().values()) {
            if (done.status() == ActionStatus.SUCCEEDED
                    && manifest.actions().get(done.index() - 1) instanceof FirmwareUpdate update
                    && update.runtimeVersion().isPresent()) {
                inventory = inventory.withRuntimeVersion(update.runtimeVersion().get());
            }
        }
        inventory.write(stateDir);
    }

    /** True when a {@code system.reboot} action succeeded. */
    static boolean rebootRequired(Manifest manifest, JournalState state) {
        return state.done().values().stream().anyMatch(done -> done.status() == ActionStatus.SUCCEEDED
                && manifest.actions().get(done.index() - 1) instanceof SystemReboot);
    }

    /**
     * Journals how the install ended (unless the gateway needs attention: then {@code recover}
     * finds the install again and goes on with it), then writes the reports.
     */
    Ending end(InstallStatus status, Optional<InstallError> error, String message, boolean reboot,
            Optional<String> recovery, Optional<Path> extraReply) throws IOException {
        JournalRecord.Ended ended = new JournalRecord.Ended(status, error, message, reboot, recovery, clock.instant());
        if (status != InstallStatus.ROLLBACK_INCOMPLETE) {
            journal.append(ended);
        }
        return report(ended, extraReply);
    }

    /**
     * Writes the reports of an install that ended: the final confirmation, the history line, the
     * audit log and the TR50 reply; then finishes the journal, unless a report could not be
     * written or the gateway needs attention.
     */
    Ending report(JournalRecord.Ended ended, Optional<Path> extraReply) throws IOException {
        List<String> unwritten = new ArrayList<>();
        Confirmation confirmation = JournalReport.reconciled(recorder.current().orElseThrow().finished(ended.at(),
                ended.status(), ended.error(), ended.message(), ended.rebootRequired(), ended.recovery()),
                journal.state());
        Optional<IOException> failure = recorder.replace(confirmation);
        events.on(new InstallEvent.Finished(ended.at(), ended.status(), ended.error(), ended.message(),
                ended.rebootRequired(), ended.recovery()));
        failure.ifPresent(e -> unwritten.add(ReportFiles.CONFIRMATION + " (" + e.getMessage() + ")"));
        try {
            History.record(stateDir, HistoryEntry.of(confirmation));
        } catch (IOException e) {
            unwritten.add("the history (" + e.getMessage() + ")");
        }
        if (failure.isEmpty()) {
            try {
                Reports.write(new ReportFiles(logsDir, stateDir), extraReply);
            } catch (IOException e) {
                unwritten.add("the audit log or the TR50 reply (" + e.getMessage() + ")");
            }
        } else {
            unwritten.add("the audit log and the TR50 reply, which are made from " + ReportFiles.CONFIRMATION);
        }
        if (unwritten.isEmpty() && ended.status() != InstallStatus.ROLLBACK_INCOMPLETE) {
            journal.append(new JournalRecord.Finished(ended.status(), clock.instant()));
            Trees.deleteRecursively(stateDir.resolve("backup").resolve(journal.state().install().orElseThrow()
                    .installId()));
            journal.finish(stateDir);
        } else {
            journal.close();
        }
        return new Ending(ended.status(), ended.error(), ended.message(), ended.rebootRequired(), unwritten, notes);
    }
}
