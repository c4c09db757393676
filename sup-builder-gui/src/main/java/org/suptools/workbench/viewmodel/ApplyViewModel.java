package org.suptools.workbench.viewmodel;

import java.nio.file.Path;
import java.util.ArrayList;
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
import org.suptools.workbench.service.BackgroundRunner;
import org.suptools.workbench.service.GatewayLogs;
import org.suptools.workbench.service.InstallerEvent;
import org.suptools.workbench.service.ProcessLauncher;

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

    private final ProcessLauncher launcher;
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
    private volatile ProcessLauncher.RunningProcess process;
    private volatile boolean cancelled;
    private int auditLinesBefore;

    /** @param installer the installer command, such as {@code [/opt/sup/bin/sup-installer]} */
    public ApplyViewModel(ProcessLauncher launcher, BackgroundRunner runner, List<String> installer) {
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

    /** The command the Workbench runs: {@code sup-installer install FILE --config CFG --events [--dry-run]}. */
    public List<String> command(boolean dry) {
        List<String> command = new ArrayList<>(installer);
        command.addAll(List.of("install", packageFile.get().toString(), "--config", configFile.get().toString(), "--events"));
        if (dry) {
            command.add("--dry-run");
        }
        return command;
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
        List<String> command = command(dry);
        dryRun.set(dry);
        cancelled = false;
        rows.clear();
        auditLines.clear();
        log.clear();
        outcome.set("");
        confirmation.set("");
        progress.set(0);
        Optional<Path> logs = GatewayLogs.logsDir(configFile.get());
        auditLinesBefore = logs.map(dir -> GatewayLogs.lines(dir.resolve(GatewayLogs.AUDIT_LOG)).size()).orElse(0);
        phase.set(Phase.PREPARING);
        status.set((dry ? "Dry run: " : "Applying: ") + "verifying " + packageFile.get().getFileName() + "...");
        runner.run(work -> {
            ProcessLauncher.RunningProcess running = launcher.start(command);
            process = running;
            java.io.BufferedReader out = running.stdout();
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                String received = line;
                work.post(() -> onLine(received));
            }
            int exit = running.waitFor();
            return new Exit(exit, running.stderrTail());
        }, BackgroundRunner.Callbacks.of(this::finished, failure -> {
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
        ProcessLauncher.RunningProcess running = process;
        if (running != null) {
            running.destroy();
        }
        status.set("Cancelling: stopping the installer before it changes anything...");
    }

    private record Exit(int code, String stderr) {
    }

    void onLine(String line) {
        log.add(line);
        Optional<InstallerEvent> parsed = InstallerEvent.parse(line);
        if (parsed.isEmpty()) {
            return;
        }
        InstallerEvent event = parsed.get();
        switch (event.name()) {
            case "verified" -> status.set("Verified; planning...");
            case "planned" -> {
                List<ApplyRow> planned = new ArrayList<>();
                event.fields().path("actions").forEach(a -> planned.add(new ApplyRow(a.path("index").asInt(),
                        a.path("id").asText(), a.path("type").asText(),
                        a.hasNonNull("skipReason") ? "will skip" : dryRun.get() ? "planned" : "pending",
                        a.path("skipReason").asText(""))));
                rows.setAll(planned);
                status.set(dryRun.get() ? "Plan ready." : "Planned " + planned.size() + " actions.");
            }
            case "refused" -> status.set("Refused before any change: " + event.text("message"));
            case "action-started" -> {
                phase.set(Phase.CHANGING);
                update(event, "running", "");
                status.set("Action " + event.integer("index") + " of " + event.integer("total") + ": " + event.text("id"));
                progress.set((event.integer("index") - 1.0) / Math.max(1, event.integer("total")));
            }
            case "action-succeeded" -> {
                update(event, "succeeded", event.text("message"));
                progress.set((double) event.integer("index") / Math.max(1, event.integer("total")));
            }
            case "action-failed" -> update(event, "failed", event.text("message")
                    + (event.fields().hasNonNull("exitCode") ? " (exit " + event.text("exitCode") + ")" : ""));
            case "action-skipped" -> update(event, "skipped", event.text("reason"));
            case "rollback-started" -> status.set("Rolling back: " + event.text("reason"));
            case "action-rolled-back" -> update(event, "rolled back", "");
            case "action-rollback-failed" -> update(event, "rollback failed", event.text("message"));
            case "finished" -> {
                outcome.set(event.text("status"));
                status.set("Finished: " + event.text("status") + (event.text("message").isEmpty() ? "" : ": " + event.text("message"))
                        + (event.fields().path("rebootRequired").asBoolean(false) ? " (reboot requested)" : ""));
            }
            default -> { }
        }
    }

    private void update(InstallerEvent event, String newStatus, String message) {
        int index = event.integer("index");
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).index() == index) {
                rows.set(i, rows.get(i).withStatus(newStatus, message));
                return;
            }
        }
        rows.add(new ApplyRow(index, event.text("id"), event.text("type"), newStatus, message));
    }

    private void finished(Exit exit) {
        phase.set(Phase.FINISHED);
        process = null;
        if (cancelled && outcome.get().isEmpty()) {
            outcome.set("cancelled");
            status.set("Cancelled before any change: the installer was stopped while it verified and planned.");
        } else if (outcome.get().isEmpty()) {
            outcome.set("exit " + exit.code());
            status.set("The installer ended with exit code " + exit.code()
                    + (exit.stderr().isBlank() ? "" : ": " + lastLine(exit.stderr())));
        }
        if (exit.code() == 0 && !dryRun.get()) {
            progress.set(1);
        }
        if (!exit.stderr().isBlank()) {
            log.addAll(exit.stderr().strip().lines().toList());
        }
        if (!dryRun.get()) {
            GatewayLogs.logsDir(configFile.get()).ifPresent(dir -> {
                confirmation.set(GatewayLogs.text(dir.resolve(GatewayLogs.CONFIRMATION)));
                List<String> audit = GatewayLogs.lines(dir.resolve(GatewayLogs.AUDIT_LOG));
                auditLines.setAll(audit.subList(Math.min(auditLinesBefore, audit.size()), audit.size()));
            });
        }
    }

    private static String lastLine(String text) {
        List<String> lines = text.strip().lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
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
