package org.suptools.installer.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.suptools.installer.api.ExitCode;
import org.suptools.installer.api.InstallError;
import org.suptools.installer.api.InstallStatus;
import org.suptools.installer.api.event.InstallEvent;
import org.suptools.installer.api.report.Confirmation;
import org.suptools.installer.api.report.ReportFiles;
import org.suptools.installer.config.GatewayConfig;
import org.suptools.installer.exec.CommandRunner;
import org.suptools.installer.journal.Journal;
import org.suptools.installer.journal.JournalRecord;
import org.suptools.installer.plan.Plan;
import org.suptools.installer.report.ConfirmationRecorder;
import org.suptools.installer.runtime.RuntimeControl;

/**
 * An error nobody expected after an install's journal began (a bug, a clock, a runtime control or
 * a journal that throws), handled the way recovery handles a kill, in the same process and from
 * the journal on disk: a {@code fault} record, then {@link Completion} rolls the install back
 * (or, once committed, completes it) and writes its reports, so the exit code is a documented
 * one. Only when even that fails does the install end {@code rollback-incomplete} (exit 4), the
 * journal kept for {@code recover} and confirmation.json saying so, never {@code in-progress}.
 */
final class AfterFault {

    private final GatewayConfig config;
    private final RuntimeControl runtime;
    private final CommandRunner commands;
    private final LowDiskSpace disk;
    private final Clock clock;

    AfterFault(GatewayConfig config, RuntimeControl runtime, CommandRunner commands, LowDiskSpace disk, Clock clock) {
        this.config = config;
        this.runtime = runtime;
        this.commands = commands;
        this.disk = disk;
        this.clock = clock;
    }

    /**
     * @param events   the install's events, with its confirmation recorder
     * @param recorder the install's confirmation as it was when the error came
     * @return the outcome; empty when the journal holds no install yet (nothing was changed)
     */
    Optional<InstallOutcome> handle(Throwable fault, String label, EventBus events, ConfirmationRecorder recorder,
            Optional<Path> extraReply, Plan plan) {
        String problem = Outcomes.describe(fault);
        try {
            if (!Journal.inProgress(config.stateDir())) {
                // The journal was closed: the install had ended and was reported before the error.
                return Optional.of(reported(label, problem, recorder, plan));
            }
            try (Journal journal = Journal.resume(config.stateDir())) {
                if (journal.state().finished().isPresent()) {
                    journal.finish(config.stateDir());
                    return Optional.of(reported(label, problem, recorder, plan));
                }
                if (journal.state().install().isEmpty()) {
                    journal.close();
                    Files.delete(config.stateDir().resolve(Journal.CURRENT));
                    return Optional.empty();
                }
                try {
                    journal.append(new JournalRecord.Fault(problem, now()));
                } catch (IOException e) {
                    fault.addSuppressed(e);
                }
                Finisher.Ending ending = new Recovery(config, runtime, commands, disk, clock).complete(journal, events,
                        recorder, extraReply, Completion.Mode.AFTER_FAULT);
                return Optional.of(Outcomes.ended(label, ending, Optional.of(problem), recorder, plan));
            }
        } catch (OutOfMemoryError e) {
            throw e;
        } catch (IOException | RuntimeException | Error second) {
            return Optional.of(giveUp(label, problem, second, events, recorder, extraReply));
        }
    }

    private static InstallOutcome reported(String label, String problem, ConfirmationRecorder recorder, Plan plan)
            throws IOException {
        Confirmation reported = recorder.current().orElseThrow(() -> new IOException(
                "the journal is closed and no report says how the install ended"));
        return Outcomes.ended(label, new Finisher.Ending(reported.status(), reported.error(), reported.errorMessage(),
                reported.rebootRequired(), List.of(), List.of()), Optional.of(problem), recorder, plan);
    }

    /** Even the recovery failed: the journal stays for {@code recover}; the reports say so if they can. */
    private InstallOutcome giveUp(String label, String problem, Throwable second, EventBus events,
            ConfirmationRecorder recorder, Optional<Path> extraReply) {
        String message = "the install stopped on an unexpected error (" + problem + ") and could not be brought "
                + "to an end (" + Outcomes.describe(second) + "); the journal is kept: once the cause is fixed, run "
                + "sup-installer recover --config " + config.file();
        try {
            events.on(new InstallEvent.Finished(now(), InstallStatus.ROLLBACK_INCOMPLETE,
                    Optional.of(InstallError.ROLLBACK_INCOMPLETE), message, false, Optional.empty()));
            if (recorder.current().isPresent() && recorder.failure().isEmpty()) {
                Reports.write(config.reports(), extraReply);
            }
        } catch (IOException | RuntimeException e) {
            message += " (the reports could not be written either: " + Outcomes.describe(e) + ")";
        }
        if (recorder.failure().isPresent()) {
            message += " (" + ReportFiles.CONFIRMATION + " could not be written either: "
                    + recorder.failure().get().getMessage() + ")";
        }
        return new InstallOutcome(ExitCode.ROLLBACK_INCOMPLETE, Optional.of(InstallStatus.ROLLBACK_INCOMPLETE),
                Optional.of(InstallError.ROLLBACK_INCOMPLETE), label + ": " + message, recorder.current(),
                Optional.empty());
    }

    /** The clock's time, or the system's when the clock itself is what failed. */
    private Instant now() {
        try {
            return clock.instant();
        } catch (RuntimeException e) {
            return Instant.now();
        }
    }
}
