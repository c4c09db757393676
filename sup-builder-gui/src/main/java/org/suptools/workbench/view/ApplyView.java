package org.suptools.workbench.view;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.suptools.workbench.viewmodel.ApplyRow;
import org.suptools.workbench.viewmodel.ApplyViewModel;
import org.suptools.workbench.viewmodel.ShownPath;

/** The Packages tab: apply a package to a gateway through the installer, live. Shown locally only. */
public final class ApplyView {

    private final VBox root;

    public ApplyView(ApplyViewModel vm, FileDialogs dialogs) {
        TextField pkg = new TextField();
        pkg.setId("apply-package");
        pkg.setEditable(false);
        pkg.textProperty().bind(Forms.shownPath(vm.packageFileProperty()));
        Button choosePkg = new Button("Choose package...");
        choosePkg.setId("apply-choose-package");
        choosePkg.setOnAction(e -> dialogs.choosePackageToApply().ifPresent(vm.packageFileProperty()::set));
        TextField cfg = new TextField();
        cfg.setId("apply-config");
        cfg.setEditable(false);
        cfg.textProperty().bind(Forms.shownPath(vm.configFileProperty()));
        Button chooseCfg = new Button("Choose gateway config...");
        chooseCfg.setId("apply-choose-config");
        chooseCfg.setOnAction(e -> dialogs.chooseGatewayConfig().ifPresent(vm.configFileProperty()::set));
        GridPane grid = Forms.grid();
        int row = Forms.row(grid, 0, "Package", grow(pkg, choosePkg), null, null);
        Forms.row(grid, row, "Gateway", grow(cfg, chooseCfg), null, "the gateway's config file, as the installer reads it");

        Button apply = new Button("Apply");
        apply.setId("apply-button");
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
        Label cancelHint = Forms.hint("");
        cancelHint.textProperty().bind(vm.cancelHintProperty());
        ProgressBar progress = new ProgressBar();
        progress.setPrefWidth(260);
        progress.progressProperty().bind(vm.progressProperty());

        Label status = new Label();
        status.setId("apply-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        Label outcome = new Label();
        outcome.setId("apply-outcome");
        outcome.textProperty().bind(vm.outcomeProperty());
        outcome.textProperty().addListener((obs, old, now) -> {
            outcome.getStyleClass().removeAll("outcome-succeeded", "outcome-failed");
            if (!now.isEmpty()) {
                outcome.getStyleClass().add("succeeded".equals(now) || "planned".equals(now) ? "outcome-succeeded" : "outcome-failed");
            }
        });

        TableView<ApplyRow> rows = new TableView<>(vm.rows());
        rows.setId("apply-actions");
        rows.setPlaceholder(Forms.hint("The actions appear here as the installer plans and runs them."));
        rows.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        rows.getColumns().add(Tables.column("#", 40, r -> String.valueOf(r.index())));
        rows.getColumns().add(Tables.column("Id", 130, ApplyRow::id));
        rows.getColumns().add(Tables.column("Type", 130, ApplyRow::type));
        rows.getColumns().add(Tables.column("Status", 110, ApplyRow::status));
        rows.getColumns().add(Tables.column("Message", 300, r -> ShownPath.inText(r.message())));

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
        reports.setPrefHeight(220);

        root = new VBox(8, Forms.title("Apply a package to a gateway"),
                Forms.hint("Runs sup-installer as a separate process. The result is shown here only: a manual apply "
                        + "has no campaign to report to."),
                grid, new HBox(8, apply, dry, cancel, progress, outcome), cancelHint, status, rows, reports);
        VBox.setVgrow(rows, Priority.ALWAYS);
        root.setPadding(new Insets(16));
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
