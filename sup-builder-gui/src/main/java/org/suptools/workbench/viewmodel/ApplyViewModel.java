package org.suptools.workbench.viewmodel;

import java.nio.file.Path;
import java.util.List;
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
import org.suptools.workbench.service.RunReports;

/**
 * The Packages tab: applies a package to a gateway by running {@code sup-installer install ...
 * --events} as a separate process, and shows each action's progress as the events arrive, then
 * the final status, confirmation.json and the audit lines of this run. The result stays on this
 * screen: a manual apply has no campaign to report to.
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
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "Choose a package and a gateway.");
    private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper(this, "outcome", "");
    private final ReadOnlyStringWrapper confirmation = new ReadOnlyStringWrapper(this, "confirmation", "");
    private final ReadOnlyStringWrapper cancelHint = new ReadOnlyStringWrapper(this, "cancelHint", "");
    private final ObservableList<ApplyRow> rows = FXCollections.observableArrayList();
    private final ObservableList<String> auditLines = FXCollections.observableArrayList();
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final BooleanBinding canStart;
    private final BooleanBinding canCancel;
    private volatile InstallerSession session;
    private volatile boolean cancelled;
    private RunReports reports;
    private String installId = "";
    private String packageLabel = "";

    /** @param installer the installer command, such as {@code [/opt/sup/bin/sup-installer]} */
    public ApplyViewModel(InstallerLauncher launcher, BackgroundRunner runner, List<String> installer) {
        this.launcher = launcher;
        this.runner = runner;
        this.installer = List.copyOf(installer);
        BooleanBinding busy = Bindings.createBooleanBinding(
                () -> phase.get() == Phase.PREPARING || phase.get() == Phase.CHANGING, phase);
        canStart = packageFile.isNotNull().and(configFile.isNotNull()).and(busy.not());
        canCancel = Bindings.createBooleanBinding(() -> phase.get() == Phase.PREPARING, phase);
        phase.addListener((obs, old, now) -> cancelHint.set(hint(now)));
    }

    private String hint(Phase now) {
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
        InstallerCall call = InstallerCall.manual(installer, packageFile.get(), configFile.get(), dry);
        dryRun.set(dry);
        cancelled = false;
        rows.clear();
        auditLines.clear();
        log.clear();
        outcome.set("");
        confirmation.set("");
        progress.set(0);
        installId = "";
        packageLabel = packageFile.get().getFileName().toString();
        reports = RunReports.before(configFile.get());
        phase.set(Phase.PREPARING);
        status.set((dry ? "Dry run: " : "Applying: ") + "verifying " + packageFile.get().getFileName() + "...");
        runner.run(work -> {
            InstallerSession started = InstallerSession.start(launcher, call);
            session = started;
            if (cancelled) {
                // Cancel came while the installer was being started.
                started.stop();
            }
            return started.follow(new UiThreadWatcher(work::post, new ShownEvents()));
        }, BackgroundRunner.Callbacks.of(this::finished, failure -> {
            session = null;
            phase.set(Phase.FINISHED);
            outcome.set("failed to run");
            status.set("Cannot run the installer (" + String.join(" ", installer) + "): " + failure.getMessage());
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
            progress.set((event.index() - 1.0) / Math.max(1, event.total()));
        }

        @Override
        public void actionSucceeded(InstallEvent.ActionSucceeded event) {
            update(event, "succeeded", textOf(event.message()));
            progress.set((double) event.index() / Math.max(1, event.total()));
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
        if (run.exitCode() == ExitCode.SUCCEEDED.code() && !dryRun.get()) {
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
