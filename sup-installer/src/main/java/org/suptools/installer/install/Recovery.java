package org.suptools.installer.install;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.suptools.installer.api.ExitCode;
import org.suptools.installer.api.InstallError;
import org.suptools.installer.api.InstallStatus;
import org.suptools.installer.api.event.InstallEvent;
import org.suptools.installer.api.event.PackageInfo;
import org.suptools.installer.api.event.RequestInfo;
import org.suptools.installer.api.json.ContractJson;
import org.suptools.installer.api.report.Confirmation;
import org.suptools.installer.api.report.ReportFiles;
import org.suptools.installer.config.GatewayConfig;
import org.suptools.installer.event.InstallListener;
import org.suptools.installer.exec.CommandRunner;
import org.suptools.installer.fs.Confinement;
import org.suptools.installer.fs.Trees;
import org.suptools.installer.journal.Journal;
import org.suptools.installer.journal.JournalRecord;
import org.suptools.installer.journal.JournalState;
import org.suptools.installer.plan.PathGuard;
import org.suptools.installer.report.ConfirmationRecorder;
import org.suptools.installer.runtime.RuntimeControl;
import org.suptools.installer.state.History;
import org.suptools.installer.state.HistoryEntry;
import org.suptools.model.InvalidPackageException;
import org.suptools.model.manifest.Manifest;
import org.suptools.model.manifest.ManifestCodec;

/**
 * Brings the gateway to a consistent state after an install was interrupted (killed, power
 * lost), from its journal alone (see {@link Completion}): finished when it was committed (or
 * kept, with failure policy stop), else undone, with the runtime restored; reports that could not
 * be written before are written now. The confirmation.json of that install then says which
 * ({@code recovery}: completed or rolled back after interruption). Runs under the install lock.
 */
final class Recovery {

    private final GatewayConfig config;
    private final RuntimeControl runtime;
    private final CommandRunner commands;
    private final LowDiskSpace disk;
    private final Clock clock;

    Recovery(GatewayConfig config, RuntimeControl runtime, CommandRunner commands, LowDiskSpace disk, Clock clock) {
        this.config = config;
        this.runtime = runtime;
        this.commands = commands;
        this.disk = disk;
        this.clock = clock;
    }

    /** Nothing when no install is in progress; else the outcome of finishing or undoing it. */
    Optional<InstallOutcome> run(List<InstallListener> listeners, Optional<Path> extraReply) throws IOException {
        Path stateDir = config.stateDir();
        if (!Journal.inProgress(stateDir)) {
            return closeUnfinishedConfirmation(listeners, extraReply);
        }
        Journal journal = Journal.resume(stateDir);
        try {
            JournalState state = journal.state();
            if (state.install().isEmpty()) {
                // Killed before its first record was on disk: nothing was changed.
                journal.close();
                Files.delete(stateDir.resolve(Journal.CURRENT));
                return closeUnfinishedConfirmation(listeners, extraReply);
            }
            if (state.finished().isPresent()) {
                journal.finish(stateDir);
                return Optional.empty();
            }
            ConfirmationRecorder recorder = ConfirmationRecorder.create(config.logsDir().resolve(
                    ReportFiles.CONFIRMATION));
            EventBus events = new EventBus().add(recorder);
            listeners.forEach(events::add);
            Finisher.Ending ending = complete(journal, events, recorder, extraReply, Completion.Mode.AFTER_INTERRUPTION);
            return Optional.of(outcome(state, ending));
        } finally {
            journal.close();
        }
    }

    /**
     * Ends the journalled install with the reports its journal gives.
     *
     * @param recorder the install's confirmation: the one the installer that began the install
     *                 keeps in memory (it may be ahead of the file on disk), or an empty one, then
     *                 read from the file (or rebuilt from the journal); {@code events} tells it
     */
    Finisher.Ending complete(Journal journal, EventBus events, ConfirmationRecorder recorder,
            Optional<Path> extraReply, Completion.Mode mode) throws IOException {
        JournalRecord.InstallBegun begun = journal.state().install().orElseThrow();
        Manifest manifest = manifestOf(begun.manifest());
        PackageInfo info = ContractJson.mapper().treeToValue(begun.packageInfo(), PackageInfo.class);
        Confirmation start = recorder.current().filter(c -> c.installId().equals(begun.installId())
                        && !c.actions().isEmpty())
                .orElseGet(() -> existingConfirmation(recorder.file(), begun, manifest, info));
        recorder.replace(JournalReport.reconciled(start, journal.state()));
        Confinement confinement = PathGuard.confinementOf(config);
        Finisher finisher = new Finisher(config.stateDir(), config.logsDir(), confinement, journal, events, recorder,
                clock);
        Rollback rollback = new Rollback(manifest, journal, runtime, commands, confinement, events, disk, clock);
        return new Completion(manifest, info, journal, rollback, finisher).complete(mode, extraReply);
    }

    private InstallOutcome outcome(JournalState before, Finisher.Ending ending) throws IOException {
        PackageInfo info = ContractJson.mapper().treeToValue(before.install().orElseThrow().packageInfo(),
                PackageInfo.class);
        String label = info.label();
        String message;
        if (!ending.unwritten().isEmpty()) {
            message = label + ": " + ending.message() + "; but these reports could not be written: "
                    + String.join("; ", ending.unwritten()) + "; run sup-installer recover again once they can be";
        } else if (before.ended().isPresent()) {
            message = label + ": its reports, which could not be written before, are written now";
        } else {
            message = switch (ending.status()) {
                case SUCCEEDED -> label + " was committed before the interruption; finished it";
                case FAILED -> label + " had stopped at a failed action (failure policy stop); finished it";
                case ROLLED_BACK -> label + " was interrupted; rolled it back";
                default -> label + ": " + ending.message();
            };
        }
        boolean consistent = ending.status() != InstallStatus.ROLLBACK_INCOMPLETE && ending.unwritten().isEmpty();
        return new InstallOutcome(consistent ? ExitCode.SUCCEEDED : ExitCode.ROLLBACK_INCOMPLETE,
                Optional.of(ending.status()), ending.error(), message,
                readQuietly(config.reports().confirmation()), Optional.empty());
    }

    /**
     * An install killed while it verified or planned left confirmation.json in progress and no
     * journal: it changed nothing. Its confirmation is closed as rolled back after interruption.
     */
    private Optional<InstallOutcome> closeUnfinishedConfirmation(List<InstallListener> listeners,
            Optional<Path> extraReply) throws IOException {
        Path file = config.reports().confirmation();
        Optional<Confirmation> existing = readQuietly(file);
        if (existing.isEmpty() || existing.get().status() != InstallStatus.IN_PROGRESS) {
            return Optional.empty();
        }
        ConfirmationRecorder recorder = ConfirmationRecorder.resume(file, existing.get());
        EventBus events = new EventBus().add(recorder);
        listeners.forEach(events::add);
        String message = "the installer was interrupted before it changed anything";
        events.on(new InstallEvent.Finished(clock.instant(), InstallStatus.ROLLED_BACK,
                Optional.of(InstallError.INTERRUPTED), message, false,
                Optional.of(Confirmation.ROLLED_BACK_AFTER_INTERRUPTION)));
        if (recorder.current().isPresent() && recorder.failure().isEmpty()) {
            History.record(config.stateDir(), HistoryEntry.of(recorder.current().get()));
            Reports.write(config.reports(), extraReply);
        }
        return Optional.of(new InstallOutcome(ExitCode.SUCCEEDED, Optional.of(InstallStatus.ROLLED_BACK),
                Optional.of(InstallError.INTERRUPTED), existing.get().pkg().label()
                + " was interrupted before it changed anything", recorder.current(), Optional.empty()));
    }

    private static Manifest manifestOf(JsonNode node) throws IOException {
        try {
            return ManifestCodec.parse(ContractJson.mapper().writeValueAsBytes(node), "journal");
        } catch (InvalidPackageException e) {
            throw new IOException("the journal's manifest cannot be read: " + e.getMessage(), e);
        }
    }

    /** The confirmation on disk if it is this install's, else one rebuilt from the journal. */
    private static Confirmation existingConfirmation(Path file, JournalRecord.InstallBegun begun, Manifest manifest,
            PackageInfo info) {
        Optional<Confirmation> existing = readQuietly(file).filter(c -> c.installId().equals(begun.installId()));
        if (existing.isPresent()) {
            return existing.get();
        }
        RequestInfo request;
        try {
            request = ContractJson.mapper().treeToValue(begun.request(), RequestInfo.class);
        } catch (IOException e) {
            request = RequestInfo.manual(Optional.empty());
        }
        return JournalReport.rebuilt(begun, manifest, info, request);
    }

    private static Optional<Confirmation> readQuietly(Path file) {
        try {
            return Trees.exists(file) ? Optional.of(Confirmation.read(file)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
