package org.suptools.workbench.viewmodel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.suptools.installer.api.ExitCode;
import org.suptools.installer.api.client.InstallerCall;
import org.suptools.installer.api.client.InstallerLauncher;
import org.suptools.installer.api.client.InstallerRun;
import org.suptools.installer.api.client.InstallerSession;
import org.suptools.installer.api.client.InstallerWatcher;
import org.suptools.installer.api.event.InstallEvent;
import org.suptools.workbench.service.BackgroundRunner;
import org.suptools.workbench.service.GatewayEntry;
import org.suptools.workbench.service.GatewayService;
import org.suptools.workbench.service.RemoteRun;
import org.suptools.workbench.service.RunReportSource;
import org.suptools.workbench.service.RunReports;

/**
 * The Packages tab: applies a package to a gateway by running {@code sup-installer install ...
 * --events} as a separate process, and shows each action's progress as the events arrive, then
 * the final status, confirmation.json and the audit lines of this run. The gateway is a local one
 * (its config file: the installer runs on this machine) or a remote one (its agent's management
 * endpoint runs the installer there and streams the same events back); both fill the same table
 * and report. The result stays on this screen: a manual apply has no campaign to report to.
 */
public final class ApplyViewModel {

    /** Where an apply is. Cancel is offered only before the first action starts. */
    public enum Phase {
        IDLE, PREPARING, CHANGING, FINISHED
    }

    private final InstallerLauncher launcher;
    private final BackgroundRunner runner;
    private final List<String> installer;
    private final ObjectProperty<Path> packageFile = new SimpleObjectProperty<>(this, "packageFile");
    private final ObjectProperty<Path> configFile = new SimpleObjectProperty<>(this, "configFile");
    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(this, "phase", Phase.IDLE);
    private final ReadOnlyBooleanWrapper dryRun = new ReadOnlyBooleanWrapper(this, "dryRun");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ObjectProperty<GatewayEntry> remoteGateway = new SimpleObjectProperty<>(this, "remoteGateway");
    private final ReadOnlyStringWrapper gatewayText = new ReadOnlyStringWrapper(this, "gatewayText", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", CHOOSE_BOTH);
    private final ReadOnlyObjectWrapper<ApplyRow.Kind> resultKind =
            new ReadOnlyObjectWrapper<>(this, "resultKind", ApplyRow.Kind.NEUTRAL);
    private final ReadOnlyStringWrapper lostRun = new ReadOnlyStringWrapper(this, "lostRun", "");
    private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper(this, "outcome", "");
    private final ReadOnlyStringWrapper confirmation = new ReadOnlyStringWrapper(this, "confirmation", "");
    private final ReadOnlyStringWrapper cancelHint = new ReadOnlyStringWrapper(this, "cancelHint", "");
    private final ObservableList<ApplyRow> rows = FXCollections.observableArrayList();
    private final ObservableList<String> auditLines = FXCollections.observableArrayList();
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final BooleanBinding canStart;
    private final BooleanBinding canCancel;
    private final BooleanBinding canReconnect;
    private final BooleanBinding canReport;
    private final GatewayService gateways;
    private volatile InstallerSession session;
    private volatile boolean cancelled;
    private RunReportSource reports;
    private String installId = "";
    private String packageLabel = "";
    private String runTarget = "";
    private GatewayEntry runGateway;

    static final String CHOOSE_BOTH = "Choose a package and a gateway.";

    /** @param installer the installer command, such as {@code [/opt/sup/bin/sup-installer]} */
    public ApplyViewModel(InstallerLauncher launcher, BackgroundRunner runner, List<String> installer) {
        this(launcher, runner, installer, GatewayService.NONE);
    }

    /** @param gateways the remote gateways, reached through their agents */
    public ApplyViewModel(InstallerLauncher launcher, BackgroundRunner runner, List<String> installer,
            GatewayService gateways) {
        this.launcher = launcher;
        this.runner = runner;
        this.installer = List.copyOf(installer);
        this.gateways = gateways;
        BooleanBinding busy = Bindings.createBooleanBinding(
                () -> phase.get() == Phase.PREPARING || phase.get() == Phase.CHANGING, phase);
        canStart = packageFile.isNotNull().and(configFile.isNotNull().or(remoteGateway.isNotNull())).and(busy.not());
        canCancel = Bindings.createBooleanBinding(() -> phase.get() == Phase.PREPARING, phase);
        canReconnect = lostRun.isNotEmpty().and(busy.not());
        canReport = Bindings.createBooleanBinding(() -> phase.get() == Phase.FINISHED, phase);
        phase.addListener((obs, old, now) -> cancelHint.set(hint(now)));
        // One gateway at a time: a local config or a remote agent.
        configFile.addListener((obs, old, now) -> {
            if (now != null) {
                remoteGateway.set(null);
            }
            choiceChanged();
        });
        remoteGateway.addListener((obs, old, now) -> {
            if (now != null) {
                configFile.set(null);
            }
            choiceChanged();
        });
        packageFile.addListener((obs, old, now) -> choiceChanged());
    }

    /** A new choice of package or gateway: the previous run's results are not this choice's. */
    private void choiceChanged() {
        gatewayText.set(targetLabel());
        if (phase.get() == Phase.PREPARING || phase.get() == Phase.CHANGING) {
            return;
        }
        clearResults();
        lostRun.set("");
        resultKind.set(ApplyRow.Kind.NEUTRAL);
        phase.set(Phase.IDLE);
        status.set(readiness());
    }

    private String targetLabel() {
        if (remoteGateway.get() != null) {
            return "remote: " + remoteGateway.get().label();
        }
        return configFile.get() == null ? "" : ShownPath.of(configFile.get());
    }

    private String readiness() {
        boolean pkg = packageFile.get() != null;
        boolean gateway = configFile.get() != null || remoteGateway.get() != null;
        if (!pkg && !gateway) {
            return CHOOSE_BOTH;
        }
        if (!gateway) {
            return "Choose a gateway.";
        }
        if (!pkg) {
            return "Choose a package.";
        }
        return "Ready: Apply or Dry run " + packageFile.get().getFileName() + " on " + targetLabel() + ".";
    }

    private void clearResults() {
        rows.clear();
        auditLines.clear();
        log.clear();
        outcome.set("");
        confirmation.set("");
        progress.set(0);
    }

    private String hint(Phase now) {
        if (now == Phase.PREPARING && runGateway != null) {
            return "Cancel stops the upload; once the package is on the gateway, its installer goes on there.";
        }
        return switch (now) {
            case PREPARING -> dryRun.get()
                    ? "Cancel stops the dry run; it changes nothing either way."
                    : "Cancel stops the installer while it verifies and plans, before it changes anything on the gateway.";
            case CHANGING -> "Cannot cancel now: actions are running. The installer finishes the package or rolls it back.";
            default -> "";
        };
    }

    public void apply() {
        start(false);
    }

    public void dryRun() {
        start(true);
    }

    private void start(boolean dry) {
        if (!canStart.get()) {
            return;
        }
        GatewayEntry remote = remoteGateway.get();
        Path pkg = packageFile.get();
        InstallerLauncher runLauncher;
        InstallerCall call;
        if (remote != null) {
            RemoteRun run = gateways.upload(remote, pkg, dry);
            runLauncher = run;
            reports = run;
            call = InstallerCall.manual(installer, pkg, Path.of(remote.name()), dry);
        } else {
            runLauncher = launcher;
            reports = RunReports.before(configFile.get());
            call = InstallerCall.manual(installer, pkg, configFile.get(), dry);
        }
        runGateway = remote;
        runTarget = targetLabel();
        packageLabel = pkg.getFileName().toString();
        run(runLauncher, call, dry, (dry ? "Dry run: " : "Applying: ") + (remote == null ? "verifying " + packageLabel
                : "uploading " + packageLabel + " to " + remote.name()) + "...");
    }

    /**
     * Follows again, from its first line, a remote run whose connection was lost: the install went
     * on at the gateway, and its events and result are read from the agent.
     */
    public void reconnect() {
        if (!canReconnect.get() || runGateway == null) {
            return;
        }
        RemoteRun run = gateways.resume(runGateway, lostRun.get());
        reports = run;
        run(run, InstallerCall.manual(installer, Path.of(lostRun.get()), Path.of(runGateway.name()), dryRun.get()),
                dryRun.get(), "Reconnecting to " + runGateway.name() + " for run " + lostRun.get() + "...");
    }

    private void run(InstallerLauncher runLauncher, InstallerCall call, boolean dry, String firstStatus) {
        dryRun.set(dry);
        cancelled = false;
        clearResults();
        lostRun.set("");
        resultKind.set(ApplyRow.Kind.NEUTRAL);
        installId = "";
        phase.set(Phase.PREPARING);
        cancelHint.set(hint(Phase.PREPARING));
        status.set(firstStatus);
        runner.run(work -> {
            InstallerSession started = InstallerSession.start(runLauncher, call);
            session = started;
            if (cancelled) {
                // Cancel came while the installer was being started.
                started.stop();
            }
            return started.follow(new UiThreadWatcher(work::post, new ShownEvents()));
        }, BackgroundRunner.Callbacks.of(this::finished, failure -> {
            session = null;
            Optional<String> lost = runLauncher instanceof RemoteRun remote ? remote.runId() : Optional.empty();
            if (lost.isPresent()) {
                // The install goes on at the gateway: Reconnect reads its events and result there.
                markUnfinished();
                lostRun.set(lost.get());
                outcome.set("connection lost");
                status.set(failure.getMessage());
            } else {
                outcome.set("failed to run");
                status.set(runGateway != null ? "Cannot apply on " + runGateway.name() + ": " + failure.getMessage()
                        : "Cannot run the installer (" + String.join(" ", installer) + "): " + failure.getMessage());
            }
            resultKind.set(ApplyRow.Kind.FAILURE);
            phase.set(Phase.FINISHED);
        }));
    }

    /** Stops the installer, but only while it has not started changing the gateway. */
    public void cancel() {
        if (!canCancel.get()) {
            return;
        }
        cancelled = true;
        InstallerSession running = session;
        if (running != null) {
            running.stop();
        }
        status.set("Cancelling: stopping the installer before it changes anything...");
    }

    /** Shows each line and event of the run as it comes; runs on the UI thread. */
    private final class ShownEvents implements InstallerWatcher {

        @Override
        public void line(String line) {
            log.add(line);
        }

        @Override
        public void started(InstallEvent.Started event) {
            installId = textOf(event.installId());
        }

        @Override
        public void verified(InstallEvent.Verified event) {
            if (event.pkg() != null && event.pkg().name().isPresent()) {
                packageLabel = event.pkg().label();
            }
            status.set("Verified " + packageLabel + "; planning...");
        }

        @Override
        public void planned(InstallEvent.Planned event) {
            List<ApplyRow> planned = event.actions().stream().map(step -> new ApplyRow(step.index(), step.id(),
                    step.type(), step.skipReason().isPresent() ? "will skip" : dryRun.get() ? "planned" : "pending",
                    step.skipReason().orElse(""))).toList();
            rows.setAll(planned);
            status.set(dryRun.get() ? "Plan ready." : "Planned " + planned.size() + " actions.");
        }

        @Override
        public void refused(InstallEvent.Refused event) {
            // The installer ends a refusal here: no finished event follows (exit 3).
            outcome.set("refused");
            status.set("Refused before any change (" + (event.error() == null ? "" : event.error().text())
                    + errorCode(event.errorCode()) + "): " + textOf(event.message()));
        }

        @Override
        public void actionStarted(InstallEvent.ActionStarted event) {
            phase.set(Phase.CHANGING);
            update(event, "running", "");
            status.set("Action " + event.index() + " of " + event.total() + ": " + event.id());
            progress.set(stepsDone(event.index() - 1, event.total()));
        }

        @Override
        public void actionSucceeded(InstallEvent.ActionSucceeded event) {
            update(event, "succeeded", textOf(event.message()));
            progress.set(stepsDone(event.index(), event.total()));
            if (event.index() == event.total()) {
                status.set("All " + event.total() + " actions done; the installer is finishing (reports, runtime)...");
            }
        }

        @Override
        public void actionFailed(InstallEvent.ActionFailed event) {
            update(event, "failed", textOf(event.message())
                    + event.exitCode().map(code -> " (exit " + code + ")").orElse(""));
        }

        @Override
        public void actionSkipped(InstallEvent.ActionSkipped event) {
            update(event, "skipped", textOf(event.reason()));
        }

        @Override
        public void rollbackStarted(InstallEvent.RollbackStarted event) {
            status.set("Rolling back: " + textOf(event.reason()));
        }

        /**
         * The failing action's own partial changes are undone too, but it keeps the status failed
         * (as in confirmation.json); the actions done before it become rolled back.
         */
        @Override
        public void actionRolledBack(InstallEvent.ActionRolledBack event) {
            if (!"failed".equals(statusOf(event.index()))) {
                update(event, "rolled back", "");
            }
        }

        @Override
        public void actionRollbackFailed(InstallEvent.ActionRollbackFailed event) {
            update(event, "rollback failed", textOf(event.message()));
        }

        @Override
        public void finished(InstallEvent.Finished event) {
            String finalStatus = event.status() == null ? "" : event.status().text();
            String message = textOf(event.message());
            outcome.set(finalStatus);
            status.set("Finished: " + finalStatus + (message.isEmpty() ? "" : ": " + message)
                    + event.error().map(error -> " (" + error.text() + errorCode(event.errorCode()) + ")").orElse("")
                    + (event.rebootRequired() ? " (reboot requested)" : "")
                    + event.recovery().map(recovery -> " [" + recovery + "]").orElse(""));
        }
    }

    /**
     * The bar's share for {@code done} of {@code total} actions: the installer's finish (its
     * reports, the runtime's restart) counts as one more step, so the bar is full only when the
     * installer says it has finished, never while its last action or the finish still runs.
     */
    private static double stepsDone(int done, int total) {
        return Math.max(0, done) / (Math.max(1, total) + 1.0);
    }

    /** Actions the installer never reached say so once the run is over. */
    private void markUnfinished() {
        for (int i = 0; i < rows.size(); i++) {
            if ("pending".equals(rows.get(i).status())) {
                rows.set(i, rows.get(i).withStatus(ApplyRow.NOT_RUN, ""));
            }
        }
    }

    private static String textOf(String value) {
        return value == null ? "" : value;
    }

    private static String errorCode(int code) {
        return code == 0 ? "" : " " + code;
    }

    private String statusOf(int index) {
        return rows.stream().filter(r -> r.index() == index).map(ApplyRow::status).findFirst().orElse("");
    }

    private void update(InstallEvent.OfAction event, String newStatus, String message) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).index() == event.index()) {
                rows.set(i, rows.get(i).withStatus(newStatus, message));
                return;
            }
        }
        rows.add(new ApplyRow(event.index(), textOf(event.id()), textOf(event.type()), newStatus, message));
    }

    private void finished(InstallerRun run) {
        phase.set(Phase.FINISHED);
        session = null;
        String summary = run.summary();
        if (run.stopped() && outcome.get().isEmpty()) {
            outcome.set("cancelled");
            status.set("Cancelled before any change: the installer was stopped while it verified and planned.");
        } else if (dryRun.get() && run.exitCode() == ExitCode.SUCCEEDED.code() && outcome.get().isEmpty()) {
            // A dry run ends after the plan: no finished event; the summary is on standard error.
            outcome.set("planned");
            status.set(summary.isEmpty() ? "Dry run: " + rows.size() + " actions planned; nothing was changed." : capitalize(summary));
        } else if (outcome.get().isEmpty()) {
            outcome.set(run.knownExit().map(ApplyViewModel::outcomeOf).orElse("exit " + run.exitCode()));
            status.set("The installer ended with exit code " + run.exitCode() + " ("
                    + run.knownExit().map(ExitCode::meaning).orElse("ended abnormally") + ")"
                    + (summary.isEmpty() ? "" : ": " + summary));
        }
        if (run.knownExit().filter(ExitCode.ROLLBACK_INCOMPLETE::equals).isPresent()) {
            status.set(status.get() + " Fix the cause, then run: sup-installer recover --config " + configFile.get());
        }
        markUnfinished();
        resultKind.set(ApplyRow.kindOf(outcome.get()));
        if (resultKind.get() == ApplyRow.Kind.SUCCESS || resultKind.get() == ApplyRow.Kind.FAILURE) {
            // Over, one way or the other: a full bar in the outcome's colour, not one frozen mid-way.
            progress.set(1);
        }
        if (!run.stderr().isBlank()) {
            log.addAll(run.stderr().strip().lines().toList());
        }
        if (!dryRun.get() && !installId.isEmpty()) {
            // Only this run's report: a busy refusal (exit 5) or a usage error writes none, so the
            // file there would be an earlier install's.
            confirmation.set(reports.confirmation(installId));
            auditLines.setAll(reports.auditLinesSince());
        }
    }

    /** The word the outcome shows for a run that ended without a finished or refused event. */
    private static String outcomeOf(ExitCode exit) {
        return switch (exit) {
            case SUCCEEDED -> "succeeded";
            case FAILED -> "failed";
            case USAGE -> "usage error";
            case REFUSED -> "refused";
            case ROLLBACK_INCOMPLETE -> "rollback-incomplete";
            case BUSY -> "busy";
        };
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    public ObjectProperty<Path> packageFileProperty() {
        return packageFile;
    }

    public ObjectProperty<Path> configFileProperty() {
        return configFile;
    }

    /** The remote gateway to apply to; choosing one clears the local config, and the other way round. */
    public ObjectProperty<GatewayEntry> remoteGatewayProperty() {
        return remoteGateway;
    }

    /** The chosen gateway as the Gateway field shows it: a config file's path, or a remote gateway's name and address. */
    public ReadOnlyStringProperty gatewayTextProperty() {
        return gatewayText.getReadOnlyProperty();
    }

    /** Success or failure of the last run, for the colour of its bar and outcome; neutral before a result. */
    public ReadOnlyObjectProperty<ApplyRow.Kind> resultKindProperty() {
        return resultKind.getReadOnlyProperty();
    }

    /** The id of a remote run whose connection was lost; empty otherwise. */
    public ReadOnlyStringProperty lostRunProperty() {
        return lostRun.getReadOnlyProperty();
    }

    public BooleanBinding canReconnectBinding() {
        return canReconnect;
    }

    public BooleanBinding canReportBinding() {
        return canReport;
    }

    /** The last run as text: what was applied where, its outcome, every action, confirmation.json and the audit lines. */
    public String report() {
        StringBuilder text = new StringBuilder();
        text.append("SUP Workbench: ").append(dryRun.get() ? "dry run" : "apply").append(" report\n");
        text.append("Package:  ").append(packageLabel).append('\n');
        text.append("Gateway:  ").append(runTarget).append('\n');
        text.append("Outcome:  ").append(outcome.get()).append('\n');
        text.append("Status:   ").append(status.get()).append("\n\n");
        text.append(String.format("%-3s %-20s %-18s %-16s %s%n", "#", "id", "type", "status", "message"));
        for (ApplyRow row : rows) {
            text.append(String.format("%-3d %-20s %-18s %-16s %s%n", row.index(), row.id(), row.type(), row.status(),
                    row.message()));
        }
        if (!confirmation.get().isEmpty()) {
            text.append("\nconfirmation.json:\n").append(confirmation.get().strip()).append('\n');
        }
        if (!auditLines.isEmpty()) {
            text.append("\nAudit log (this run):\n");
            auditLines.forEach(line -> text.append(line).append('\n'));
        }
        return text.toString();
    }

    /** Writes {@link #report} to {@code file}; the status says where, or why not. */
    public void saveReport(Path file) {
        try {
            Files.writeString(file, report(), StandardCharsets.UTF_8);
            status.set("Report saved to " + ShownPath.of(file) + ".");
        } catch (IOException e) {
            status.set("Cannot save the report to " + ShownPath.of(file) + ": " + e.getMessage());
        }
    }

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty dryRunProperty() {
        return dryRun.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The final status: succeeded, rolled-back, failed, refused, cancelled... empty while running. */
    public ReadOnlyStringProperty outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty confirmationProperty() {
        return confirmation.getReadOnlyProperty();
    }

    /** What Cancel would do now, or why it is not offered. */
    public ReadOnlyStringProperty cancelHintProperty() {
        return cancelHint.getReadOnlyProperty();
    }

    public ObservableList<ApplyRow> rows() {
        return rows;
    }

    public ObservableList<String> auditLines() {
        return auditLines;
    }

    public ObservableList<String> log() {
        return log;
    }

    public BooleanBinding canStartBinding() {
        return canStart;
    }

    public BooleanBinding canCancelBinding() {
        return canCancel;
    }
}
