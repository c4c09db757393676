package org.suptools.installer.install;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.suptools.installer.ActionStatus;
import org.suptools.installer.ExitCode;
import org.suptools.installer.InstallError;
import org.suptools.installer.InstallStatus;
import org.suptools.installer.config.GatewayConfig;
import org.suptools.installer.event.InstallEvent;
import org.suptools.installer.event.InstallListener;
import org.suptools.installer.event.PackageInfo;
import org.suptools.installer.event.RequestInfo;
import org.suptools.installer.exec.CommandRunner;
import org.suptools.installer.fs.Confinement;
import org.suptools.installer.fs.StateJson;
import org.suptools.installer.fs.Trees;
import org.suptools.installer.journal.Journal;
import org.suptools.installer.journal.JournalRecord;
import org.suptools.installer.journal.JournalState;
import org.suptools.installer.plan.PathGuard;
import org.suptools.installer.report.ActionRecord;
import org.suptools.installer.report.Confirmation;
import org.suptools.installer.report.ConfirmationRecorder;
import org.suptools.installer.runtime.RuntimeControl;
import org.suptools.installer.state.History;
import org.suptools.installer.state.HistoryEntry;
import org.suptools.model.InvalidPackageException;
import org.suptools.model.action.Action;
import org.suptools.model.action.ErrorPolicy;
import org.suptools.model.manifest.Manifest;
import org.suptools.model.manifest.ManifestCodec;

/**
 * Brings the gateway to a consistent state after an install was interrupted (killed, power
 * lost): when its journal says it was committed (or kept, with failure policy stop), it is
 * finished; otherwise every action that began is undone, newest first, and the runtime is brought
 * back to how it was. The confirmation.json of that install then says which
 * ({@code recovery}: completed or rolled back after interruption). Runs under the install lock.
 */
final class Recovery {

    private final GatewayConfig config;
    private final RuntimeControl runtime;
    private final CommandRunner commands;
    private final Clock clock;

    Recovery(GatewayConfig config, RuntimeControl runtime, CommandRunner commands, Clock clock) {
        this.config = config;
        this.runtime = runtime;
        this.commands = commands;
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
            return Optional.of(recover(journal, state, listeners, extraReply));
        } finally {
            journal.close();
        }
    }

    /**
     * An install killed while it verified or planned left confirmation.json in progress and no
     * journal: it changed nothing. Its confirmation is closed as rolled back after interruption.
     */
    private Optional<InstallOutcome> closeUnfinishedConfirmation(List<InstallListener> listeners,
            Optional<Path> extraReply) throws IOException {
        Path file = config.logsDir().resolve(Confirmation.FILE_NAME);
        Confirmation existing;
        try {
            existing = Trees.exists(file) ? Confirmation.read(file) : null;
        } catch (IOException e) {
            return Optional.empty();
        }
        if (existing == null || existing.status() != InstallStatus.IN_PROGRESS) {
            return Optional.empty();
        }
        ConfirmationRecorder recorder = ConfirmationRecorder.resume(file, existing);
        EventBus events = new EventBus().add(recorder);
        listeners.forEach(events::add);
        String message = "the installer was interrupted before it changed anything";
        events.on(new InstallEvent.Finished(clock.instant(), InstallStatus.ROLLED_BACK,
                Optional.of(InstallError.INTERRUPTED), message, false,
                Optional.of(Confirmation.ROLLED_BACK_AFTER_INTERRUPTION)));
        if (recorder.current().isPresent() && recorder.failure().isEmpty()) {
            History.append(config.stateDir(), HistoryEntry.of(recorder.current().get()));
            Reports.write(config.logsDir(), config.stateDir(), extraReply);
        }
        return Optional.of(outcome(ExitCode.SUCCEEDED, InstallStatus.ROLLED_BACK, Optional.of(InstallError.INTERRUPTED),
                existing.pkg().label() + " was interrupted before it changed anything", recorder));
    }

    private InstallOutcome recover(Journal journal, JournalState state, List<InstallListener> listeners,
            Optional<Path> extraReply) throws IOException {
        JournalRecord.InstallBegun begun = state.install().orElseThrow();
        Manifest manifest = manifestOf(begun.manifest());
        PackageInfo info = StateJson.mapper().treeToValue(begun.packageInfo(), PackageInfo.class);
        Path confirmationFile = config.logsDir().resolve(Confirmation.FILE_NAME);
        ConfirmationRecorder recorder = ConfirmationRecorder.resume(confirmationFile,
                reconcile(existingConfirmation(confirmationFile, begun, manifest, info), state));
        EventBus events = new EventBus().add(recorder);
        listeners.forEach(events::add);
        Confinement confinement = PathGuard.confinementOf(config);
        Finisher finisher = new Finisher(config.stateDir(), config.logsDir(), confinement, journal, events, recorder,
                clock);
        boolean reboot = Finisher.rebootRequired(manifest, state);

        if (state.committed().isPresent()) {
            finisher.cleanUpKept();
            finisher.updateInventory(manifest, info, begun.installId());
            finisher.finish(InstallStatus.SUCCEEDED, Optional.empty(), "", reboot,
                    Optional.of(Confirmation.COMPLETED_AFTER_INTERRUPTION), begun.installId(), extraReply);
            return outcome(ExitCode.SUCCEEDED, InstallStatus.SUCCEEDED, Optional.empty(),
                    info.label() + " was committed before the interruption; finished it", recorder);
        }
        if (state.kept().isPresent()) {
            finisher.cleanUpKept();
            String message = state.kept().get().message();
            finisher.finish(InstallStatus.FAILED, Optional.of(InstallError.STOPPED_ON_FAILURE), message, reboot,
                    Optional.of(Confirmation.COMPLETED_AFTER_INTERRUPTION), begun.installId(), extraReply);
            return outcome(ExitCode.SUCCEEDED, InstallStatus.FAILED, Optional.of(InstallError.STOPPED_ON_FAILURE),
                    info.label() + " had stopped at a failed action (failure policy stop); finished it", recorder);
        }
        Optional<String> earlierFailure = state.rollback().map(JournalRecord.RollbackBegun::reason)
                .or(() -> failureBeforeRollback(journal, manifest));
        Rollback rollback = new Rollback(manifest, journal, runtime, commands, confinement, events, clock);
        List<String> failures = rollback.undoAll(earlierFailure.orElse("the installer was interrupted"),
                Optional.ofNullable(begun.runtimeWasRunning()));
        if (!failures.isEmpty()) {
            String message = "could not undo everything after the interruption: " + String.join("; ", failures);
            finisher.finish(InstallStatus.ROLLBACK_INCOMPLETE, Optional.of(InstallError.ROLLBACK_INCOMPLETE), message,
                    false, Optional.of(Confirmation.ROLLED_BACK_AFTER_INTERRUPTION), begun.installId(), extraReply);
            return outcome(ExitCode.ROLLBACK_INCOMPLETE, InstallStatus.ROLLBACK_INCOMPLETE,
                    Optional.of(InstallError.ROLLBACK_INCOMPLETE), message, recorder);
        }
        InstallError error = earlierFailure.isPresent() ? InstallError.ACTION_FAILED : InstallError.INTERRUPTED;
        String message = earlierFailure.orElse("the installer was interrupted; everything it had done was undone");
        finisher.finish(InstallStatus.ROLLED_BACK, Optional.of(error), message, false,
                Optional.of(Confirmation.ROLLED_BACK_AFTER_INTERRUPTION), begun.installId(), extraReply);
        return outcome(ExitCode.SUCCEEDED, InstallStatus.ROLLED_BACK, Optional.of(error),
                info.label() + " was interrupted; rolled it back", recorder);
    }

    /** An action that failed (and did not let the package go on) before the kill, in the words the rollback uses. */
    private static Optional<String> failureBeforeRollback(Journal journal, Manifest manifest) {
        for (JournalRecord record : journal.records()) {
            if (record instanceof JournalRecord.ActionDone done && "failed".equals(done.status())
                    && manifest.actions().get(done.index() - 1).header().onError() != ErrorPolicy.CONTINUE) {
                return Optional.of("action " + done.index() + " failed: " + done.message().orElse("(no message)"));
            }
        }
        return Optional.empty();
    }

    private static InstallOutcome outcome(ExitCode exit, InstallStatus status, Optional<InstallError> error,
            String message, ConfirmationRecorder recorder) {
        return new InstallOutcome(exit, Optional.of(status), error, message, recorder.current(), Optional.empty());
    }

    private static Manifest manifestOf(JsonNode node) throws IOException {
        try {
            return ManifestCodec.parse(StateJson.mapper().writeValueAsBytes(node), "journal");
        } catch (InvalidPackageException e) {
            throw new IOException("the journal's manifest cannot be read: " + e.getMessage(), e);
        }
    }

    /** The confirmation on disk if it is this install's, else one rebuilt from the journal. */
    private Confirmation existingConfirmation(Path file, JournalRecord.InstallBegun begun, Manifest manifest,
            PackageInfo info) throws IOException {
        if (Trees.exists(file)) {
            try {
                Confirmation existing = Confirmation.read(file);
                if (existing.installId().equals(begun.installId())) {
                    return existing;
                }
            } catch (IOException e) {
                // Unreadable: rebuilt below.
            }
        }
        RequestInfo request = StateJson.mapper().treeToValue(begun.request(), RequestInfo.class);
        List<ActionRecord> actions = new ArrayList<>();
        for (int i = 0; i < manifest.actions().size(); i++) {
            Action action = manifest.actions().get(i);
            actions.add(ActionRecord.notRun(i + 1, action.id(), action.type().typeName(), action.header().description()));
        }
        return new Confirmation(Confirmation.FORMAT_VERSION, begun.installId(), info, request, begun.startedAt(),
                Optional.empty(), InstallStatus.IN_PROGRESS, 0, Optional.empty(), "", Optional.empty(), false, actions);
    }

    /** Sets each action's status from the journal, which may be ahead of the last confirmation written. */
    private Confirmation reconcile(Confirmation confirmation, JournalState state) {
        List<ActionRecord> actions = new ArrayList<>();
        for (ActionRecord action : confirmation.actions()) {
            String done = state.done().get(action.index());
            ActionRecord updated = action;
            if (done != null) {
                ActionStatus status = switch (done) {
                    case "succeeded" -> ActionStatus.SUCCEEDED;
                    case "failed" -> ActionStatus.FAILED;
                    default -> ActionStatus.SKIPPED;
                };
                if (action.status() != status && action.status() != ActionStatus.ROLLED_BACK
                        && action.status() != ActionStatus.ROLLBACK_FAILED) {
                    updated = action.ended(status, action.completedAt().orElse(clock.instant()),
                            action.message().orElse(""), action.exitCode(), action.outputTail());
                }
            } else if (state.begun().contains(action.index()) && action.status() == ActionStatus.NOT_RUN) {
                updated = action.started(clock.instant());
            }
            actions.add(updated);
        }
        return confirmation.withActions(actions);
    }

}
