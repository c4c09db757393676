package org.suptools.workbench.view;

import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.beans.property.SimpleStringProperty;
import org.suptools.workbench.document.TargetDraft;
import org.suptools.workbench.viewmodel.MetadataViewModel;

/** The package screen: metadata fields and the targets table. Binds only. */
public final class PackageView {

    private final VBox root;
    private final java.util.Map<String, Node> focusable = new java.util.HashMap<>();
    private final TableView<TargetDraft> targets = new TableView<>();

    public PackageView(MetadataViewModel vm) {
        GridPane grid = Forms.grid();
        int row = 0;
        row = text(grid, row, vm, "name", "Name", "lowercase letters, digits, '.', '_' or '-'");
        row = text(grid, row, vm, "version", "Version", "SemVer 2.0, such as 1.4.0 or 2.0.0-rc.1");
        row = text(grid, row, vm, "description", "Description", "");
        row = text(grid, row, vm, "vendor", "Vendor", "");
        row = text(grid, row, vm, "expires", "Expires", "UTC time such as 2027-01-01T00:00:00Z; empty for never");
        ChoiceBox<String> policy = new ChoiceBox<>();
        policy.setId("failurePolicy");
        policy.getItems().setAll(MetadataViewModel.FAILURE_POLICIES);
        policy.valueProperty().bindBidirectional(vm.failurePolicyProperty());
        focusable.put("failurePolicy", policy);
        row = Forms.row(grid, row, "Failure policy", policy, vm.message("failurePolicy"),
                "rollback: undo every completed action; stop: leave them and stop");
        CheckBox downgrade = new CheckBox("Allow installing over a newer version of this package");
        downgrade.setId("allowDowngrade");
        downgrade.selectedProperty().bindBidirectional(vm.allowDowngradeProperty());
        row = Forms.row(grid, row, "Downgrade", downgrade, null, null);
        Label requires = new Label();
        requires.textProperty().bind(vm.requiresSummaryProperty());
        Forms.row(grid, row, "Requires", requires, vm.message("requires"), "kept as written in sup.yaml");

        targets.setId("targets");
        targets.setEditable(true);
        targets.setItems(vm.targets());
        targets.setPrefHeight(170);
        targets.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        for (String field : MetadataViewModel.TARGET_FIELDS) {
            TableColumn<TargetDraft, String> column = new TableColumn<>(switch (field) {
                case "runtimeVersion" -> "Runtime version range";
                case "os" -> "OS";
                default -> Character.toUpperCase(field.charAt(0)) + field.substring(1);
            });
            column.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().get(field)));
            column.setCellFactory(TextFieldTableCell.forTableColumn());
            column.setOnEditCommit(e -> vm.setTargetField(e.getTablePosition().getRow(), field, e.getNewValue()));
            column.setPrefWidth(field.equals("runtimeVersion") ? 260 : 180);
            targets.getColumns().add(column);
        }
        Button add = new Button("Add target");
        add.setId("add-target");
        add.setOnAction(e -> vm.addTarget());
        Button remove = new Button("Remove target");
        remove.setId("remove-target");
        remove.disableProperty().bind(targets.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> vm.removeTarget(targets.getSelectionModel().getSelectedIndex()));
        Label targetMessage = Forms.message(vm.message("targets"), "targets-message");

        VBox content = new VBox(10,
                Forms.title("Package"), grid,
                Forms.title("Targets"),
                Forms.hint("The gateways this package is for. '*' matches any; double-click a cell to edit. "
                        + "The runtime-version range is optional, such as >=5.0.0 <6.0.0."),
                targets, new HBox(8, add, remove), targetMessage);
        content.setPadding(new Insets(16));
        content.setMaxWidth(980);
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        root = new VBox(scroll);
        VBox.setVgrow(scroll, javafx.scene.layout.Priority.ALWAYS);
    }

    private int text(GridPane grid, int row, MetadataViewModel vm, String field, String label, String hint) {
        TextField text = new TextField();
        text.setId(field);
        text.textProperty().bindBidirectional(vm.text(field));
        if (!hint.isEmpty()) {
            text.setPromptText(hint);
        }
        focusable.put(field, text);
        return Forms.row(grid, row, label, text, vm.message(field), hint);
    }

    /** Focuses the field of a problem location such as {@code version} or {@code targets[1].os}. */
    public boolean focus(String location) {
        if (location.startsWith("targets")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^targets\\[(\\d+)]").matcher(location);
            if (m.find()) {
                targets.getSelectionModel().select(Integer.parseInt(m.group(1)));
            }
            targets.requestFocus();
            return true;
        }
        for (String field : List.copyOf(focusable.keySet())) {
            if (location.equals(field) || location.startsWith(field + ".")) {
                focusable.get(field).requestFocus();
                return true;
            }
        }
        return false;
    }

    public Node root() {
        return root;
    }
}
