package org.suptools.workbench.view;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.suptools.workbench.viewmodel.ApplyRow;
import org.suptools.workbench.viewmodel.ApplyViewModel;
import org.suptools.workbench.viewmodel.GatewaysViewModel;
import org.suptools.workbench.viewmodel.ShownPath;

/**
 * The Packages tab: the remote gateways on the left; on the right, apply a package to the chosen
 * gateway (a remote one, or a local sandbox by its config file) through the installer, live.
 * Shown locally only.
 */
public final class ApplyView {

    private final SplitPane root;

    public ApplyView(ApplyViewModel vm, GatewaysViewModel gateways, FileDialogs dialogs) {
        TextField pkg = new TextField();
        pkg.setId("apply-package");
        pkg.setEditable(false);
        pkg.setPromptText("a .sup file");
        pkg.textProperty().bind(Forms.shownPath(vm.packageFileProperty()));
        Button choosePkg = new Button("Choose package...");
        choosePkg.setId("apply-choose-package");
        choosePkg.setOnAction(e -> dialogs.choosePackageToApply().ifPresent(vm.packageFileProperty()::set));
        TextField cfg = new TextField();
        cfg.setId("apply-config");
        cfg.setEditable(false);
        cfg.setPromptText("a remote gateway from the list, or a local sandbox's config");
        cfg.textProperty().bind(vm.gatewayTextProperty());
        Button chooseCfg = new Button("Local gateway config...");
        chooseCfg.setId("apply-choose-config");
        chooseCfg.setTooltip(new Tooltip("A gateway on this machine (a sandbox): the installer runs here"));
        chooseCfg.setOnAction(e -> dialogs.chooseGatewayConfig().ifPresent(vm.configFileProperty()::set));
        GridPane grid = Forms.grid();
        int row = Forms.row(grid, 0, "Package", grow(pkg, choosePkg), null, null);
        Forms.row(grid, row, "Gateway", grow(cfg, chooseCfg), null,
                "a remote gateway chosen in the list, or a local gateway's config file");

        Button apply = new Button("Apply");
        apply.setId("apply-button");
        apply.setDefaultButton(false);
        apply.disableProperty().bind(vm.canStartBinding().not());
        apply.setOnAction(e -> vm.apply());
        Button dry = new Button("Dry run");
        dry.setId("dry-run-button");
        dry.setTooltip(new Tooltip("Verify and plan only; nothing on the gateway changes"));
        dry.disableProperty().bind(vm.canStartBinding().not());
        dry.setOnAction(e -> vm.dryRun());
        Button cancel = new Button("Cancel");
        cancel.setId("cancel-button");
        cancel.disableProperty().bind(vm.canCancelBinding().not());
        cancel.setOnAction(e -> vm.cancel());
        Button reconnect = new Button("Reconnect");
        reconnect.setId("reconnect-button");
        reconnect.setTooltip(new Tooltip("Read the events and result of the run whose connection was lost"));
        reconnect.visibleProperty().bind(vm.canReconnectBinding());
        reconnect.managedProperty().bind(reconnect.visibleProperty());
        reconnect.setOnAction(e -> vm.reconnect());
        Label cancelHint = Forms.hint("");
        cancelHint.setWrapText(true);
        cancelHint.textProperty().bind(vm.cancelHintProperty());
        ProgressBar progress = new ProgressBar();
        progress.setId("apply-progress");
        progress.setPrefWidth(200);
        progress.progressProperty().bind(vm.progressProperty());
        vm.resultKindProperty().addListener((obs, old, now) -> {
            progress.getStyleClass().removeIf(style -> style.startsWith("result-"));
            progress.getStyleClass().add("result-" + now.name().toLowerCase(java.util.Locale.ROOT));
        });

        Label status = new Label();
        status.setId("apply-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        Label outcome = new Label();
        outcome.setId("apply-outcome");
        outcome.textProperty().bind(vm.outcomeProperty());
        vm.resultKindProperty().addListener((obs, old, now) -> {
            outcome.getStyleClass().removeAll("outcome-succeeded", "outcome-failed", "outcome-warning");
            switch (now) {
                case SUCCESS -> outcome.getStyleClass().add("outcome-succeeded");
                case FAILURE -> outcome.getStyleClass().add("outcome-failed");
                case WARNING -> outcome.getStyleClass().add("outcome-warning");
                default -> {
                }
            }
        });

        Button copy = new Button("Copy report");
        copy.setId("apply-copy-report");
        copy.disableProperty().bind(vm.canReportBinding().not());
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(vm.report());
            Clipboard.getSystemClipboard().setContent(content);
        });
        Button save = new Button("Save report...");
        save.setId("apply-save-report");
        save.disableProperty().bind(vm.canReportBinding().not());
        save.setOnAction(e -> dialogs.saveReport(suggestedReportName(vm)).ifPresent(vm::saveReport));

        TableView<ApplyRow> rows = new TableView<>(vm.rows());
        rows.setId("apply-actions");
        rows.setPlaceholder(Forms.hint("The actions appear here as the installer plans and runs them."));
        rows.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        rows.getColumns().add(Tables.column("#", 36, r -> String.valueOf(r.index())));
        rows.getColumns().add(Tables.column("Id", 120, ApplyRow::id));
        rows.getColumns().add(Tables.column("Type", 120, ApplyRow::type));
        TableColumn<ApplyRow, String> statusColumn = Tables.column("Status", 120, ApplyRow::status);
        StatusCells.install(statusColumn);
        rows.getColumns().add(statusColumn);
        rows.getColumns().add(Tables.column("Message", 260, r -> ShownPath.inText(r.message())));

        TextArea confirmation = new TextArea();
        confirmation.setId("apply-confirmation");
        confirmation.setEditable(false);
        confirmation.getStyleClass().add("mono");
        confirmation.textProperty().bind(vm.confirmationProperty());
        ListView<String> audit = new ListView<>(vm.auditLines());
        audit.setId("apply-audit");
        VBox confirmationBox = new VBox(4, Forms.title("confirmation.json"), confirmation);
        VBox auditBox = new VBox(4, Forms.title("Audit log (this run)"), audit);
        VBox.setVgrow(confirmation, Priority.ALWAYS);
        VBox.setVgrow(audit, Priority.ALWAYS);
        HBox reports = new HBox(10, confirmationBox, auditBox);
        HBox.setHgrow(confirmationBox, Priority.ALWAYS);
        HBox.setHgrow(auditBox, Priority.ALWAYS);
        reports.setPrefHeight(180);
        reports.setMinHeight(70);

        HBox buttons = new HBox(8, apply, dry, cancel, reconnect, progress, outcome);
        buttons.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        HBox reportButtons = new HBox(8, copy, save);
        Label intro = Forms.hint("The installer runs on the gateway (remote) or on this machine (local). The result is "
                + "shown here only: a manual apply has no campaign to report to.");
        intro.setWrapText(true);
        intro.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        status.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        VBox applyBox = new VBox(8, Forms.title("Apply a package to a gateway"), intro, grid, buttons, cancelHint, status, rows, reportButtons, reports);
        VBox.setVgrow(rows, Priority.ALWAYS);
        // On a small screen the actions keep room for a few rows; the reports give way first.
        rows.setMinHeight(130);
        applyBox.setPadding(new Insets(0, 0, 0, 8));

        ScrollPane applyPane = Forms.scrolling(applyBox);
        applyPane.setId("apply-pane");
        root = new SplitPane(new GatewaysPane(gateways).root(), applyPane);
        root.setId("packages-tab");
        root.setDividerPositions(0.3);
        root.setPadding(new Insets(12));
    }

    private static String suggestedReportName(ApplyViewModel vm) {
        String name = vm.packageFileProperty().get() == null ? "apply"
                : vm.packageFileProperty().get().getFileName().toString().replaceAll("\\.(sup|pkg)$", "");
        return name + "-report.txt";
    }

    private static HBox grow(TextField field, Button button) {
        HBox box = new HBox(6, field, button);
        HBox.setHgrow(field, Priority.ALWAYS);
        return box;
    }

    public Node root() {
        return root;
    }
}
