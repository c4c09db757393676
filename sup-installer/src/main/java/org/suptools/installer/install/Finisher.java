package org.suptools.installer.install;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.suptools.installer.InstallError;
import org.suptools.installer.InstallStatus;
import org.suptools.installer.event.InstallEvent;
import org.suptools.installer.event.PackageInfo;
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
 * files and trees set aside, updates the inventory when committed, writes the final confirmation,
 * the history line, the audit log and the TR50 reply, and closes the journal. Every part can be
 * repeated, so a crash while finishing is finished again by the next run.
 */
final class Finisher {

    private final Path stateDir;
    private final Path logsDir;
    private final GatewayFiles files;
    private final Journal journal;
    private final EventBus events;
    private final ConfirmationRecorder recorder;
    private final Clock clock;
    private final java.util.List<String> warnings = new java.util.ArrayList<>();

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
            warnings.add("not removed: " + e.getMessage());
        }
    }

    /** Records the package as installed, with the runtime version a firmware update brought. */
    void updateInventory(Manifest manifest, PackageInfo info, String installId) throws IOException {
        JournalState state = journal.state();
        Inventory inventory = Inventory.read(stateDir).with(manifest.name(),
                new InstalledPackage(manifest.version(), clock.instant(), info.sha256(), installId));
        for (Map.Entry<Integer, String> done : state.done().entrySet()) {
            if ("succeeded".equals(done.getValue())
                    && manifest.actions().get(done.getKey() - 1) instanceof FirmwareUpdate update
                    && update.runtimeVersion().isPresent()) {
                inventory = inventory.withRuntimeVersion(update.runtimeVersion().get());
            }
        }
        inventory.write(stateDir);
    }

    /** What went wrong with the reports (the install itself is not affected). */
    List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** True when a {@code system.reboot} action succeeded. */
    static boolean rebootRequired(Manifest manifest, JournalState state) {
        return state.done().entrySet().stream().anyMatch(done -> "succeeded".equals(done.getValue())
                && manifest.actions().get(done.getKey() - 1) instanceof SystemReboot);
    }

    /**
     * Announces the end (the confirmation is written from that event), appends the history line,
     * derives the audit log and the TR50 reply, and closes the journal unless the gateway needs
     * attention (then {@code recover} finds it again).
     */
    void finish(InstallStatus status, Optional<InstallError> error, String message, boolean reboot,
            Optional<String> recovery, String installId, Optional<Path> extraReply) throws IOException {
        events.on(new InstallEvent.Finished(clock.instant(), status, error, message, reboot, recovery));
        if (recorder.current().isPresent()) {
            History.append(stateDir, HistoryEntry.of(recorder.current().get()));
            if (recorder.failure().isEmpty()) {
                try {
                    Reports.write(logsDir, stateDir, extraReply);
                } catch (IOException e) {
                    warnings.add("the audit log or the TR50 reply could not be written: " + e.getMessage());
                }
            } else {
                warnings.add("confirmation.json could not be written: " + recorder.failure().get().getMessage());
            }
        }
        if (status != InstallStatus.ROLLBACK_INCOMPLETE) {
            journal.append(new JournalRecord.Finished(status.text(), clock.instant()));
            Trees.deleteRecursively(stateDir.resolve("backup").resolve(installId));
            journal.finish(stateDir);
        } else {
            journal.close();
        }
    }
}
