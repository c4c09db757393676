package org.suptools.workbench.view;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.suptools.workbench.document.RequirementDraft;
import org.suptools.workbench.document.TargetDraft;
import org.suptools.workbench.viewmodel.MetadataViewModel;

/** The package screen: metadata fields, and the targets and requires tables side by side. Binds only. */
public final class PackageView {

    private final VBox root;
    private final Map<String, Node> focusable = new HashMap<>();
    private final EditableTable<TargetDraft> targets;
    private final EditableTable<RequirementDraft> requires;

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
        Forms.row(grid, row, "Downgrade", downgrade, null, null);
        targets = new EditableTable<>(vm.targets(), Map.of(
                "product", new EditableTable.Column("Product", 120),
                "os", new EditableTable.Column("OS", 80),
                "architecture", new EditableTable.Column("Architecture", 120),
                "runtimeVersion", new EditableTable.Column("Runtime version range", 230)),
                vm.message("targets"));
        requires = new EditableTable<>(vm.requires(), Map.of(
                "name", new EditableTable.Column("Package", 170),
                "version", new EditableTable.Column("Version range", 180)),
                vm.message("requires"));
        GridPane tables = new GridPane();
        tables.setHgap(24);
        tables.setVgap(6);
        // Both tables grow with the window; targets have more columns, so they get more of it.
        ColumnConstraints wide = new ColumnConstraints();
        wide.setHgrow(Priority.ALWAYS);
        wide.setPercentWidth(58);
        ColumnConstraints narrow = new ColumnConstraints();
        narrow.setHgrow(Priority.ALWAYS);
        narrow.setPercentWidth(42);
        tables.getColumnConstraints().setAll(wide, narrow);
        // Add and Remove above each table, not under it: a short window shows them even when the
        // table's last rows are below the fold.
        tables.addColumn(0, Forms.title("Targets"),
                Forms.hint("The gateways this package is for; '*' matches any. The runtime-version range is "
                        + "optional, such as >=5.0.0 <6.0.0. Double-click a cell to edit it."),
                targets.buttons(), targets.root());
        tables.addColumn(1, Forms.title("Requires"),
                Forms.hint("Packages that must be installed first, in a version range such as ^1.2.0; "
                        + "double-click a cell to edit it."),
                requires.buttons(), requires.root());
        tables.getChildren().forEach(child -> GridPane.setValignment(child, VPos.TOP));

        VBox content = new VBox(10, Forms.title("Package"), grid, tables);
        content.setPadding(new Insets(16));
        ScrollPane scroll = new ScrollPane(content);
        scroll.setId("package-scroll");
        scroll.setFitToWidth(true);
        FocusInView.follow(scroll);
        root = new VBox(scroll);
        VBox.setVgrow(scroll, Priority.ALWAYS);
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

    /** Focuses the field of a problem location such as {@code version} or {@code requires[1].version}. */
    public boolean focus(String location) {
        if (targets.focus(location) || requires.focus(location)) {
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
