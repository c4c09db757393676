package org.suptools.workbench.viewmodel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import com.fasterxml.jackson.databind.JsonNode;
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
    private String installId = "";
    private String packageLabel = "";

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
        installId = "";
        packageLabel = packageFile.get().getFileName().toString();
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
            case "started" -> installId = event.text("installId");
            case "verified" -> {
                JsonNode pkg = event.fields().path("package");
                if (pkg.hasNonNull("name")) {
                    packageLabel = pkg.get("name").asText() + " " + pkg.path("version").asText("");
                }
                status.set("Verified " + packageLabel + "; planning...");
            }
            case "planned" -> {
                List<ApplyRow> planned = new ArrayList<>();
                event.fields().path("actions").forEach(a -> planned.add(new ApplyRow(a.path("index").asInt(),
                        a.path("id").asText(), a.path("type").asText(),
                        a.hasNonNull("skipReason") ? "will skip" : dryRun.get() ? "planned" : "pending",
                        a.path("skipReason").asText(""))));
                rows.setAll(planned);
                status.set(dryRun.get() ? "Plan ready." : "Planned " + planned.size() + " actions.");
            }
            case "refused" -> {
                // The installer ends a refusal here: no finished event follows (exit 3).
                outcome.set("refused");
                status.set("Refused before any change (" + event.text("error") + errorCode(event) + "): "
                        + event.text("message"));
            }
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
            // The failing action's own partial changes are undone too, but it keeps the status failed
            // (as in confirmation.json); the actions done before it become rolled back.
            case "action-rolled-back" -> {
                if (!"failed".equals(statusOf(event.integer("index")))) {
                    update(event, "rolled back", "");
                }
            }
            case "action-rollback-failed" -> update(event, "rollback failed", event.text("message"));
            case "finished" -> {
                outcome.set(event.text("status"));
                status.set("Finished: " + event.text("status") + (event.text("message").isEmpty() ? "" : ": " + event.text("message"))
                        + (event.text("error").isEmpty() ? "" : " (" + event.text("error") + errorCode(event) + ")")
                        + (event.fields().path("rebootRequired").asBoolean(false) ? " (reboot requested)" : "")
                        + (event.text("recovery").isEmpty() ? "" : " [" + event.text("recovery") + "]"));
            }
            default -> { }
        }
    }

    private static String errorCode(InstallerEvent event) {
        return event.fields().hasNonNull("errorCode") && event.integer("errorCode") != 0
                ? " " + event.integer("errorCode") : "";
    }

    private String statusOf(int index) {
        return rows.stream().filter(r -> r.index() == index).map(ApplyRow::status).findFirst().orElse("");
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
        String summary = lastLine(exit.stderr());
        if (cancelled && outcome.get().isEmpty()) {
            outcome.set("cancelled");
            status.set("Cancelled before any change: the installer was stopped while it verified and planned.");
        } else if (dryRun.get() && exit.code() == 0 && outcome.get().isEmpty()) {
            // A dry run ends after the plan: no finished event; the summary is on standard error.
            outcome.set("planned");
            status.set(summary.isEmpty() ? "Dry run: " + rows.size() + " actions planned; nothing was changed." : capitalize(summary));
        } else if (outcome.get().isEmpty()) {
            outcome.set(ExitMeaning.outcome(exit.code()));
            status.set("The installer ended with exit code " + exit.code() + " (" + ExitMeaning.meaning(exit.code()) + ")"
                    + (summary.isEmpty() ? "" : ": " + summary));
        }
        if (exit.code() == 4) {
            status.set(status.get() + " Fix the cause, then run: sup-installer recover --config " + configFile.get());
        }
        if (exit.code() == 0 && !dryRun.get()) {
            progress.set(1);
        }
        if (!exit.stderr().isBlank()) {
            log.addAll(exit.stderr().strip().lines().toList());
        }
        if (!dryRun.get() && !installId.isEmpty()) {
            // Only this run's report: a busy refusal (exit 5) or a usage error writes none, so the
            // file there would be an earlier install's.
            GatewayLogs.logsDir(configFile.get()).ifPresent(dir -> {
                String text = GatewayLogs.text(dir.resolve(GatewayLogs.CONFIRMATION));
                confirmation.set(GatewayLogs.installId(text).filter(id -> !id.equals(installId)).isPresent()
                        ? "(confirmation.json in " + dir + " is not this run's: install " + installId + ")" : text);
                List<String> audit = GatewayLogs.lines(dir.resolve(GatewayLogs.AUDIT_LOG));
                auditLines.setAll(audit.subList(Math.min(auditLinesBefore, audit.size()), audit.size()));
            });
        }
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String lastLine(String text) {
        List<String> lines = text.strip().lines().toList();
        String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        return last.startsWith("sup-installer: ") ? last.substring("sup-installer: ".length()) : last;
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
