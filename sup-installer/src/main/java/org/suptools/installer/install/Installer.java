package org.suptools.installer.install;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.suptools.installer.RefusedException;
import org.suptools.installer.api.ExitCode;
import org.suptools.installer.api.InstallError;
import org.suptools.installer.api.InstallStatus;
import org.suptools.installer.api.event.InstallEvent;
import org.suptools.installer.api.event.PackageInfo;
import org.suptools.installer.api.event.RequestInfo;
import org.suptools.installer.api.json.ContractJson;
import org.suptools.installer.api.report.ReportFiles;
import org.suptools.installer.archive.UnpackLimits;
import org.suptools.installer.config.GatewayConfig;
import org.suptools.installer.config.GatewayIdentity;
import org.suptools.installer.event.InstallListener;
import org.suptools.installer.exec.CommandRunner;
import org.suptools.installer.exec.ExecutionEnvironment;
import org.suptools.installer.fs.Confinement;
import org.suptools.installer.journal.Journal;
import org.suptools.installer.journal.JournalRecord;
import org.suptools.installer.plan.PathGuard;
import org.suptools.installer.plan.Plan;
import org.suptools.installer.plan.PlannedAction;
import org.suptools.installer.plan.Planner;
import org.suptools.installer.report.ConfirmationRecorder;
import org.suptools.installer.runtime.RuntimeControl;
import org.suptools.installer.state.InstallLock;
import org.suptools.installer.state.Inventory;
import org.suptools.installer.verify.PackageCheck;
import org.suptools.installer.verify.VerifiedInstall;
import org.suptools.model.archive.ProgressListener;
import org.suptools.model.archive.Sha256;
import org.suptools.model.manifest.ManifestCodec;

/**
 * The gateway installer: applies one package, transactionally. Under an exclusive lock it first
 * recovers an interrupted install, then verifies the package completely, plans every action
 * (refusing before any change when something is wrong), runs the actions with a journal and
 * backups, rolls back on failure, and finishes with confirmation.json, the audit log and the TR50
 * reply. Each step is a class of its own; this one puts them in order.
 */
public final class Installer {

    private final GatewayConfig config;
    private final RuntimeControl runtime;
    private final CommandRunner commands;
    private final Clock clock;
    private final UnpackLimits unpackLimits;
    private final LowDiskSpace disk;

    public Installer(GatewayConfig config, RuntimeControl runtime, CommandRunner commands, Clock clock) {
        this(config, runtime, commands, clock, UnpackLimits.DEFAULTS);
    }

    public Installer(GatewayConfig config, RuntimeControl runtime, CommandRunner commands, Clock clock,
            UnpackLimits unpackLimits) {
        this(config, runtime, commands, clock, unpackLimits, Gateway.lowDiskSpace(config, LowDiskSpace.FILE_SYSTEM));
    }

    private Installer(GatewayConfig config, RuntimeControl runtime, CommandRunner commands, Clock clock,
            UnpackLimits unpackLimits, LowDiskSpace disk) {
        this.config = config;
        this.runtime = runtime;
        this.commands = commands;
        this.clock = clock;
        this.unpackLimits = unpackLimits;
        this.disk = disk;
    }

    /** The same installer, told the free space of file systems by {@code usable} (tests fill no real disk). */
    Installer withUsableSpace(LowDiskSpace.UsableSpace usable) {
        return new Installer(config, runtime, commands, clock, unpackLimits, Gateway.lowDiskSpace(config, usable));
    }

    /**
     * Installs a package.
     *
     * @param listeners  told of every event (the {@code --events} stream, progress views)
     * @param extraReply a file to write the TR50 reply to, besides the logs directory
     */
    public InstallOutcome install(InstallRequest request, List<InstallListener> listeners, Optional<Path> extraReply)
            throws IOException {
        Optional<InstallLock> lock = InstallLock.tryAcquire(config.stateDir());
        if (lock.isEmpty()) {
            InstallOutcome busy = InstallOutcome.busy("another installer is running on this gateway ("
                    + config.stateDir().resolve(InstallLock.FILE_NAME) + " is locked); nothing was changed");
            Reports.writeBusy(request.request(), busy.message(), extraReply);
            return busy;
        }
        try {
            if (request.dryRun() && Journal.inProgress(config.stateDir())) {
                return new InstallOutcome(ExitCode.REFUSED, Optional.of(InstallStatus.REFUSED),
                        Optional.of(InstallError.GATEWAY_NEEDS_ATTENTION), "an interrupted install is pending; "
                        + "run recover first (a dry run changes nothing)", Optional.empty(), Optional.empty());
            }
            if (!request.dryRun()) {
                PayloadStaging.clear(config.stateDir());
            }
            Optional<InstallOutcome> recovered = new Recovery(config, runtime, commands, disk, clock)
                    .run(List.of(), Optional.empty());
            if (recovered.isPresent() && recovered.get().exitCode() == ExitCode.ROLLBACK_INCOMPLETE) {
                return new InstallOutcome(ExitCode.ROLLBACK_INCOMPLETE, Optional.empty(),
                        Optional.of(InstallError.GATEWAY_NEEDS_ATTENTION), "an earlier install needs attention (its "
                        + "rollback or its reports are incomplete), so this one was not started: "
                        + recovered.get().message(),
                        Optional.empty(), Optional.empty());
            }
            return installLocked(request, listeners, extraReply);
        } finally {
            lock.get().close();
        }
    }

    /** Finishes or undoes an interrupted install, if there is one. */
    public InstallOutcome recover(List<InstallListener> listeners, Optional<Path> extraReply) throws IOException {
        Optional<InstallLock> lock = InstallLock.tryAcquire(config.stateDir());
        if (lock.isEmpty()) {
            return InstallOutcome.busy("another installer is running on this gateway; try again when it is done");
        }
        try {
            PayloadStaging.clear(config.stateDir());
            return new Recovery(config, runtime, commands, disk, clock).run(listeners, extraReply)
                    .orElse(new InstallOutcome(ExitCode.SUCCEEDED, Optional.empty(), Optional.empty(),
                            "nothing to recover: no install was interrupted", Optional.empty(), Optional.empty()));
        } finally {
            lock.get().close();
        }
    }

    private InstallOutcome installLocked(InstallRequest request, List<InstallListener> listeners,
            Optional<Path> extraReply) throws IOException {
        String installId = newInstallId();
        Path file = request.packageFile().toAbsolutePath();
        ConfirmationRecorder recorder = ConfirmationRecorder.create(config.reports().confirmation());
        EventBus events = new EventBus();
        if (!request.dryRun()) {
            events.add(recorder);
        }
        listeners.forEach(events::add);
        RequestInfo requestInfo = new RequestInfo(request.request().campaignId(), request.request().mailboxId(),
                request.request().thingKey().or(() -> config.identity().thingKey()));
        WhileVerifying whileVerifying = new WhileVerifying(config, runtime, request.dryRun());
        try {
            return verifyPlanAndRun(installId, file, request, requestInfo, events, recorder, extraReply,
                    whileVerifying);
        } catch (RefusedException e) {
            return refused(e, events, recorder, request, extraReply);
        } catch (OutOfMemoryError e) {
            throw e;
        } catch (IOException | RuntimeException | Error e) {
            if (recorder.current().isEmpty()) {
                events.on(new InstallEvent.Started(now(), installId, requestInfo,
                        PackageInfo.ofFile(file.getFileName().toString(), "")));
            }
            return failedBeforeAnyChange(e, events, recorder, !request.dryRun(), extraReply);
        } finally {
            whileVerifying.close();
            if (!request.dryRun()) {
                clearStaging();
            }
        }
    }

    /** Staged payloads not renamed into place (refused, skipped, rolled back) go when the install ends. */
    private void clearStaging() {
        try {
            PayloadStaging.clear(config.stateDir());
        } catch (IOException e) {
            // The next install or recovery clears it first, under the same lock.
        }
    }

    private InstallOutcome verifyPlanAndRun(String installId, Path file, InstallRequest request,
            RequestInfo requestInfo, EventBus events, ConfirmationRecorder recorder, Optional<Path> extraReply,
            WhileVerifying whileVerifying) throws IOException, RefusedException {
        try {
            PackageCheck.requireReadable(file);
        } catch (RefusedException e) {
            events.on(new InstallEvent.Started(clock.instant(), installId, requestInfo,
                    PackageInfo.ofFile(file.getFileName().toString(), "")));
            throw e;
        }
        Instant startedAt = clock.instant();
        Inventory inventory = Inventory.read(config.stateDir());
        GatewayIdentity identity = inventory.runtimeVersion().map(config.identity()::withRuntimeVersion)
                .orElse(config.identity());
        // One read of the file checks every payload, stages those an action will rename into place,
        // and hashes the whole file for the reports; the Started event waits for that hash. A
        // package refused before the read ends (a bad signature, a payload that fails its hash)
        // is hashed on its own for the refusal's reports. Whether the runtime runs is asked
        // meanwhile, once the signatures are checked (WhileVerifying).
        VerifiedInstall checked;
        try {
            checked = new PackageCheck(config).verify(file, PackageInfo.ofFile(file.getFileName().toString(), ""),
                    identity, inventory, clock.instant(), ProgressListener.NONE, whileVerifying.sinks());
        } catch (RefusedException e) {
            events.on(new InstallEvent.Started(startedAt, installId, requestInfo,
                    PackageInfo.ofFile(file.getFileName().toString(), Sha256.ofFile(file))));
            throw e;
        }
        try {
            events.on(new InstallEvent.Started(startedAt, installId, requestInfo,
                    PackageInfo.ofFile(file.getFileName().toString(), checked.info().sha256())));
        } catch (RuntimeException | Error e) {
            try {
                checked.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        try (VerifiedInstall verified = checked) {
            events.on(new InstallEvent.Verified(clock.instant(), verified.info()));
            ArchivePayloads payloads = new ArchivePayloads(verified.archive(), verified.manifest(),
                    whileVerifying.staging());
            Plan plan = new Planner(config, unpackLimits).plan(verified.manifest(), identity.profile(), payloads);
            events.on(new InstallEvent.Planned(clock.instant(), plan.actions().stream().map(Installer::step).toList()));
            if (request.dryRun()) {
                long skipped = plan.actions().stream().filter(PlannedAction::skipped).count();
                String message = "dry run: " + verified.info().label() + " verified; " + (plan.total() - skipped)
                        + " of " + plan.total() + " actions would run; nothing was changed";
                return new InstallOutcome(ExitCode.SUCCEEDED, Optional.empty(), Optional.empty(), message,
                        Optional.empty(), Optional.of(plan));
            }
            Optional<Boolean> runtimeWasRunning = runtimeWasRunning(plan, whileVerifying.runtimeStatus());
            return execute(installId, verified, plan, payloads, runtimeWasRunning, requestInfo, events, recorder,
                    extraReply);
        }
    }

    /**
     * Whether the runtime runs (as asked while the payloads were read), journalled first so that
     * a rollback knows whether to start it again. A package that stops or starts the runtime is
     * refused when the runtime cannot be asked; any other goes on with the answer unknown (and its
     * rollback leaves the runtime alone).
     */
    private Optional<Boolean> runtimeWasRunning(Plan plan, Optional<RuntimeStatusAhead> asked) throws RefusedException {
        if (plan.actions().stream().allMatch(PlannedAction::skipped)) {
            return Optional.empty();
        }
        try {
            return Optional.of(asked.isPresent() ? asked.get().isRunning() : runtime.isRunning());
        } catch (IOException e) {
            if (plan.touchesRuntime()) {
                throw new RefusedException(InstallError.PLAN_REFUSED, "cannot ask the runtime for its status: "
                        + e.getMessage(), e);
            }
            return Optional.empty();
        }
    }

    private InstallOutcome execute(String installId, VerifiedInstall verified, Plan plan, ArchivePayloads payloads,
            Optional<Boolean> runtimeWasRunning, RequestInfo requestInfo, EventBus events, ConfirmationRecorder recorder,
            Optional<Path> extraReply) throws IOException {
        Journal journal = Journal.create(config.stateDir());
        try {
            journal.append(new JournalRecord.InstallBegun(installId, clock.instant(),
                    ContractJson.mapper().readTree(ManifestCodec.toBytes(verified.manifest())),
                    ContractJson.mapper().valueToTree(verified.info()), ContractJson.mapper().valueToTree(requestInfo),
                    runtimeWasRunning.orElse(null)));
            Confinement confinement = PathGuard.confinementOf(config);
            ExecutionEnvironment environment = new ExecutionEnvironment(installId, payloads, journal,
                    config.stateDir().resolve("backup").resolve(installId), runtime, commands, config.runtimeHome(),
                    unpackLimits, config.packageManagers(), confinement);
            Rollback rollback = new Rollback(verified.manifest(), journal, runtime, commands, confinement, events, disk,
                    clock);
            Finisher finisher = new Finisher(config.stateDir(), config.logsDir(), confinement, journal, events,
                    recorder, clock);
            new ActionRunner(plan, verified.manifest(), environment, events, rollback, clock).run();
            Finisher.Ending ending = new Completion(verified.manifest(), verified.info(), journal, rollback, finisher)
                    .complete(Completion.Mode.AFTER_ACTIONS, extraReply);
            return Outcomes.ended(verified.info().label(), ending, Optional.empty(), recorder, plan);
        } catch (OutOfMemoryError e) {
            closeQuietly(journal);
            throw e;
        } catch (IOException | RuntimeException | Error e) {
            closeQuietly(journal);
            return new AfterFault(config, runtime, commands, disk, clock).handle(e, verified.info().label(), events,
                    recorder, extraReply, plan).orElseGet(() -> failedBeforeAnyChange(e, events, recorder, true,
                    extraReply));
        } finally {
            closeQuietly(journal);
        }
    }

    /**
     * An error nobody expected before the journal began: nothing was changed. The install is
     * reported {@code refused} with error {@code internal-error}, exit 1.
     */
    private InstallOutcome failedBeforeAnyChange(Throwable e, EventBus events, ConfirmationRecorder recorder,
            boolean report, Optional<Path> extraReply) {
        String message = Outcomes.describe(e) + "; nothing was changed";
        events.on(new InstallEvent.Refused(now(), InstallError.INTERNAL, message));
        Optional<String> warning = report ? reportRefusal(recorder, extraReply) : Optional.empty();
        return new InstallOutcome(InstallError.INTERNAL.exitCode(), Optional.of(InstallStatus.REFUSED),
                Optional.of(InstallError.INTERNAL), recorder.current().map(c -> c.pkg().label() + ": ").orElse("")
                + message, recorder.current(), Optional.empty(), warning.stream().toList());
    }

    /** The clock's time, or the system's when the clock itself is what failed. */
    private Instant now() {
        try {
            return clock.instant();
        } catch (RuntimeException e) {
            return Instant.now();
        }
    }

    private static void closeQuietly(Journal journal) {
        try {
            journal.close();
        } catch (IOException e) {
            // Closing only releases the file; what was written was forced already.
        }
    }

    private InstallOutcome refused(RefusedException e, EventBus events, ConfirmationRecorder recorder,
            InstallRequest request, Optional<Path> extraReply) {
        events.on(new InstallEvent.Refused(now(), e.error(), e.getMessage()));
        Optional<String> warning = request.dryRun() ? Optional.empty() : reportRefusal(recorder, extraReply);
        return new InstallOutcome(ExitCode.REFUSED, Optional.of(InstallStatus.REFUSED), Optional.of(e.error()),
                e.getMessage(), recorder.current(), Optional.empty(), warning.stream().toList());
    }

    /**
     * The audit lines and the TR50 reply of an install that changed nothing, made from its
     * confirmation.json; a warning when they could not be written (never a reply made from
     * another install's confirmation).
     */
    private Optional<String> reportRefusal(ConfirmationRecorder recorder, Optional<Path> extraReply) {
        if (recorder.current().isEmpty()) {
            return Optional.empty();
        }
        if (recorder.failure().isPresent()) {
            return Optional.of(ReportFiles.CONFIRMATION + " could not be written (" + recorder.failure().get()
                    .getMessage() + "), so neither could the audit log and the TR50 reply");
        }
        try {
            Reports.write(config.reports(), extraReply);
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of("the audit log or the TR50 reply could not be written (" + Outcomes.describe(e) + ")");
        }
    }

    private static InstallEvent.PlannedStep step(PlannedAction action) {
        return new InstallEvent.PlannedStep(action.index(), action.action().id(), action.action().type().typeName(),
                action.action().header().description(), action.skipReason());
    }

    /** Sortable by time, unique: {@code 20260101T100000Z-1a2b3c4d}. */
    private String newInstallId() {
        String time = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(now());
        return time + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
