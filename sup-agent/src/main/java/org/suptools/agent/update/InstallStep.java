package org.suptools.agent.update;

import org.suptools.agent.job.UpdateJob;
import org.suptools.agent.job.JobResult;
import org.suptools.agent.job.AgentErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.suptools.agent.store.Durable;
import org.suptools.installer.api.ExitCode;
import org.suptools.installer.api.InstallError;
import org.suptools.installer.api.InstallStatus;
import org.suptools.installer.api.client.InstallerCall;
import org.suptools.installer.api.client.InstallerLauncher;
import org.suptools.installer.api.client.InstallerProcess;
import org.suptools.installer.api.client.InstallerRun;
import org.suptools.installer.api.client.InstallerSession;
import org.suptools.installer.api.client.InstallerWatcher;
import org.suptools.installer.api.event.InstallEvent;
import org.suptools.installer.api.event.PackageInfo;
import org.suptools.installer.api.report.Confirmation;
import org.suptools.installer.api.report.MailboxAcks;
import org.suptools.installer.api.report.ReportFiles;
import org.suptools.tr50.MailboxAck;
import org.suptools.tr50.Tr50Codec;
import org.suptools.tr50.Tr50Command;
import org.suptools.tr50.Tr50Exception;
import org.suptools.tr50.Tr50Request;

/**
 * Runs {@code sup-installer install --events} for a job as a separate process and turns what it
 * did into the job's report. When the agent did not see the run end (it was killed, or the run
 * outlived its timeout), {@link #resolve} finds the result in the installer's own reports: the
 * reply it wrote for the agent, else (after {@code sup-installer recover}, which finishes or undoes
 * an interrupted install) the confirmation.json or kept reply whose mailbox id is the job's. Only
 * when the installer left no trace of the message is it safe to run it again.
 */
public final class InstallStep {

    /** Starts one installer process; {@code name} names its output files. */
    @FunctionalInterface
    public interface Launchers {
        InstallerLauncher named(String name);

        /** Deletes what the runs called {@code name} left behind (their output files); nothing by default. */
        default void discard(String name) throws IOException {
        }

        static Launchers processes(Path outputDir, Duration timeout) {
            return new Launchers() {
                @Override
                public InstallerLauncher named(String name) {
                    return new InstallerProcess(outputDir, name, timeout);
                }

                @Override
                public void discard(String name) throws IOException {
                    InstallerProcess run = new InstallerProcess(outputDir, name, timeout);
                    Files.deleteIfExists(run.out());
                    Files.deleteIfExists(run.err());
                }
            };
        }
    }

    private final List<String> installer;
    private final Path gatewayConfig;
    private final Path workDir;
    private final Optional<String> thingKey;
    private final Launchers launchers;
    private final Consumer<String> recoverSays;
    private final InstallGate gate;

    /**
     * @param installer the installer's launcher command, such as {@code [/opt/sup/bin/sup-installer]}
     * @param workDir where the agent asks the installer to write its reply
     * @param recoverSays each line {@code sup-installer recover} prints: the agent logs them, since its
     *     output file goes with the finished job
     */
    public InstallStep(List<String> installer, Path gatewayConfig, Path workDir, Optional<String> thingKey,
            Launchers launchers, Consumer<String> recoverSays) {
        this(installer, gatewayConfig, workDir, thingKey, launchers, recoverSays, new InstallGate());
    }

    /** As above, taking turns through {@code gate} with the manual installs of the management endpoint. */
    public InstallStep(List<String> installer, Path gatewayConfig, Path workDir, Optional<String> thingKey,
            Launchers launchers, Consumer<String> recoverSays, InstallGate gate) {
        this.gate = gate;
        this.installer = List.copyOf(installer);
        this.gatewayConfig = gatewayConfig;
        this.workDir = workDir;
        this.thingKey = thingKey;
        this.launchers = launchers;
        this.recoverSays = recoverSays;
    }

    /**
     * Deletes what the job's installer runs left in the agent's state directory: their output (the
     * event stream, which can be long) and the reply file. For a finished job only: its result is in
     * its record, and the gateway keeps the installer's own records.
     */
    public void discardOutputs(UpdateJob job) throws IOException {
        launchers.discard("install-" + job.key());
        launchers.discard("recover-" + job.key());
        Durable.delete(replyFile(job));
    }

    /** The file the installer writes the job's TR50 reply to. */
    public Path replyFile(UpdateJob job) {
        return workDir.resolve(job.key() + ".reply.json");
    }

    /**
     * Runs the installer on the package. The caller has recorded the job as {@code EXECUTING}
     * before: a kill from here on is resolved by {@link #resolve}.
     */
    public InstallOutcome install(UpdateJob job, Path packageFile, Consumer<String> progress)
            throws IOException, InterruptedException {
        gate.enter();
        try {
            return installAlone(job, packageFile, progress);
        } finally {
            gate.leave();
        }
    }

    private InstallOutcome installAlone(UpdateJob job, Path packageFile, Consumer<String> progress)
            throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path reply = replyFile(job);
        Durable.delete(reply);
        InstallerCall call = new InstallerCall(installer, packageFile, gatewayConfig, false, job.campaignId(),
                Optional.of(job.mailboxId()), thingKey, Optional.of(reply));
        InstallerSession session;
        try {
            session = InstallerSession.start(launchers.named("install-" + job.key()), call);
        } catch (IOException e) {
            return new InstallOutcome.Reported(MailboxAcks.unreported(job.mailboxId(), InstallError.INTERNAL,
                    "the installer could not be started: " + e.getMessage()),
                    JobResult.failure(AgentErrors.INSTALLER_UNAVAILABLE, "the installer could not be started: "
                            + e.getMessage()), Optional.empty());
        }
        InstallerRun run;
        try {
            run = session.follow(new Watcher(progress));
        } catch (IOException e) {
            return resolve(job);
        }
        if (run.reported()) {
            Optional<Path> copy = run.installId().flatMap(this::installerCopy);
            Optional<InstallOutcome.Reported> written = ackIn(reply, job.mailboxId(), copy);
            return written.orElseGet(() -> fromEvents(job, run, copy));
        }
        if (run.exitCode() == ExitCode.BUSY.code()) {
            return unreported(job, run);
        }
        // Crashed or killed: recover first, so the gateway is consistent and its record says what happened.
        InstallOutcome resolved = resolve(job);
        return resolved instanceof InstallOutcome.NeverRan ? unreported(job, run) : resolved;
    }

    /** Finds the result of a run the agent did not see end. */
    public InstallOutcome resolve(UpdateJob job) throws IOException, InterruptedException {
        Optional<InstallOutcome.Reported> written = ackIn(replyFile(job), job.mailboxId(), Optional.empty());
        if (written.isPresent()) {
            return written.get();
        }
        List<String> recover = new ArrayList<>(installer);
        recover.addAll(List.of("recover", "--config", gatewayConfig.toString()));
        int exit;
        try {
            InstallerLauncher.Running running = launchers.named("recover-" + job.key()).start(recover);
            exit = running.follow(recoverSays);
        } catch (IOException e) {
            return new InstallOutcome.Waiting("sup-installer recover could not be run: " + e.getMessage());
        }
        if (exit == ExitCode.BUSY.code()) {
            return new InstallOutcome.Waiting("another install holds the gateway");
        }
        ReportFiles files = ReportFiles.forConfig(gatewayConfig);
        if (Files.isRegularFile(files.confirmation())) {
            Confirmation confirmation = Confirmation.read(files.confirmation());
            if (confirmation.request().mailboxId().equals(Optional.of(job.mailboxId()))
                    && confirmation.status() != InstallStatus.IN_PROGRESS) {
                Optional<Path> copy = Optional.of(files.reply(confirmation.installId())).filter(Files::isRegularFile);
                Optional<InstallOutcome.Reported> kept = copy.flatMap(file -> ackIn(file, job.mailboxId(), copy));
                return kept.orElseGet(() -> fromConfirmation(job, confirmation));
            }
        }
        if (Files.isDirectory(files.replies())) {
            try (Stream<Path> replies = Files.list(files.replies())) {
                for (Path file : replies.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                    Optional<InstallOutcome.Reported> kept = ackIn(file, job.mailboxId(), Optional.of(file));
                    if (kept.isPresent()) {
                        return kept.get();
                    }
                }
            }
        }
        return new InstallOutcome.NeverRan("no confirmation.json or kept reply names mailbox message "
                + job.mailboxId());
    }

    private Optional<Path> installerCopy(String installId) {
        try {
            return Optional.of(ReportFiles.forConfig(gatewayConfig).reply(installId)).filter(Files::isRegularFile);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The reply in {@code file} when it holds an ack of this message; a file that cannot be read holds none. */
    static Optional<InstallOutcome.Reported> ackIn(Path file, String mailboxId, Optional<Path> copy) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Tr50Request reply;
        try {
            reply = Tr50Codec.readRequest(Files.readAllBytes(file));
        } catch (IOException | Tr50Exception e) {
            return Optional.empty();
        }
        for (Tr50Command command : reply.commands().values()) {
            if (command instanceof MailboxAck ack && ack.id().equals(mailboxId)) {
                boolean succeeded = ack.errorCode() == 0;
                return Optional.of(new InstallOutcome.Reported(reply, new JobResult(succeeded, ack.errorCode(),
                        ack.errorMessage().orElse("")), copy));
            }
        }
        return Optional.empty();
    }

    private static InstallOutcome.Reported fromEvents(UpdateJob job, InstallerRun run, Optional<Path> copy) {
        Optional<PackageInfo> pkg = run.pkg();
        if (run.finished().isPresent()) {
            InstallEvent.Finished finished = run.finished().get();
            boolean succeeded = finished.status() == InstallStatus.SUCCEEDED;
            return reported(job, succeeded, finished.errorCode(), finished.message(), pkg, copy);
        }
        InstallEvent.Refused refused = run.refused().orElseThrow();
        return reported(job, false, refused.errorCode(), refused.message(), pkg, copy);
    }

    private static InstallOutcome.Reported fromConfirmation(UpdateJob job, Confirmation confirmation) {
        return reported(job, confirmation.status() == InstallStatus.SUCCEEDED, confirmation.errorCode(),
                confirmation.errorMessage(), Optional.of(confirmation.pkg()), Optional.empty());
    }

    private static InstallOutcome.Reported reported(UpdateJob job, boolean succeeded, int code, String message,
            Optional<PackageInfo> pkg, Optional<Path> copy) {
        MailboxAck ack = MailboxAcks.of(job.mailboxId(), code, message, succeeded,
                pkg.flatMap(PackageInfo::name), pkg.flatMap(PackageInfo::version));
        return new InstallOutcome.Reported(Tr50Request.of(ack), new JobResult(succeeded, code, message), copy);
    }

    private static InstallOutcome.Reported unreported(UpdateJob job, InstallerRun run) {
        Tr50Request ack = run.unreportedAck(job.mailboxId()).orElseThrow();
        MailboxAck sent = (MailboxAck) ack.commands().values().iterator().next();
        return new InstallOutcome.Reported(ack, JobResult.failure(sent.errorCode(), sent.errorMessage().orElse("")),
                Optional.empty());
    }

    /** Turns the installer's events into progress text for mailbox.update. */
    private static final class Watcher implements InstallerWatcher {
        private final Consumer<String> progress;

        Watcher(Consumer<String> progress) {
            this.progress = progress;
        }

        @Override
        public void verified(InstallEvent.Verified event) {
            progress.accept("installing " + (event.pkg() == null ? "the package" : event.pkg().label())
                    + ": verified");
        }

        @Override
        public void actionStarted(InstallEvent.ActionStarted event) {
            progress.accept("installing: action " + event.index() + "/" + event.total() + " " + event.type());
        }

        @Override
        public void rollbackStarted(InstallEvent.RollbackStarted event) {
            progress.accept("rolling back: " + event.reason());
        }
    }
}
