package org.suptools.workbench.view;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.suptools.workbench.viewmodel.CompareViewModel;
import org.suptools.workbench.viewmodel.InspectorViewModel;
import org.suptools.workbench.viewmodel.PayloadRow;

/** A built package, read-only: manifest, signatures and trust, payloads; and conversion to a spec. */
public final class InspectView {

    private final StackPane root;

    /** The package, or, while {@code compare} is shown, the comparison of two packages in its place. */
    public InspectView(InspectorViewModel vm, CompareViewModel compare, FileDialogs dialogs) {
        Button open = new Button("Open .sup...");
        open.setId("inspect-open");
        open.setOnAction(e -> dialogs.openSup().ifPresent(vm::open));
        Button compareWith = new Button("Compare with...");
        compareWith.setId("inspect-compare");
        compareWith.setTooltip(new javafx.scene.control.Tooltip(
                "Compare this package (A, the old one) with another built package (B), as 'sup diff A.sup B.sup' does"));
        compareWith.disableProperty().bind(vm.openedProperty().isNull());
        compareWith.setOnAction(e -> dialogs.chooseSupToCompare()
                .ifPresent(other -> compare.compare(vm.fileProperty().get(), other)));
        Button trust = new Button("Check trust with key...");
        trust.setId("inspect-trust");
        trust.disableProperty().bind(vm.openedProperty().isNull());
        trust.setOnAction(e -> dialogs.chooseTrustStore().ifPresent(vm::useTrustStore));
        Button convert = new Button("Convert to editable spec...");
        convert.setId("inspect-convert");
        convert.disableProperty().bind(vm.openedProperty().isNull().or(vm.busyProperty()));
        convert.setOnAction(e -> dialogs.chooseDirectory("Extract into an empty directory").ifPresent(vm::convertToSpec));

        TextArea summary = new TextArea();
        summary.setId("inspect-summary");
        summary.setEditable(false);
        summary.setPrefRowCount(8);
        summary.textProperty().bind(vm.summaryProperty());
        Label status = new Label();
        status.setId("inspect-status");
        status.textProperty().bind(vm.statusProperty());
        ListView<String> signatures = new ListView<>(vm.signatures());
        signatures.setId("inspect-signatures");
        signatures.setPrefHeight(70);
        signatures.setPlaceholder(Forms.hint("No package open."));
        ListView<String> actions = new ListView<>(vm.actions());
        actions.setId("inspect-actions");
        actions.setPlaceholder(Forms.hint("No package open."));
        TableView<PayloadRow> payloads = new TableView<>(vm.payloads());
        payloads.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        payloads.getColumns().add(Tables.column("File", 180, PayloadRow::name));
        payloads.getColumns().add(Tables.column("Size", 80, r -> Tables.size(r.size())));
        payloads.getColumns().add(Tables.column("SHA-256", 460, PayloadRow::sha256));
        payloads.getColumns().add(Tables.column("Used by", 150, PayloadRow::usedBy));
        payloads.setPrefHeight(150);
        payloads.setId("inspect-payloads");
        payloads.setPlaceholder(Forms.hint("No package open, or it carries no payload files."));
        Tables.fitColumnsToContent(payloads);

        VBox left = new VBox(6, Forms.title("Manifest"), summary, status, Forms.title("Signatures"), signatures);
        VBox right = new VBox(6, Forms.title("Actions"), actions);
        VBox.setVgrow(actions, Priority.ALWAYS);
        HBox top = new HBox(12, left, right);
        HBox.setHgrow(left, Priority.ALWAYS);
        HBox.setHgrow(right, Priority.ALWAYS);
        left.setPrefWidth(600);
        right.setPrefWidth(600);
        VBox inspect = new VBox(8, new HBox(8, open, compareWith, trust, convert), top, Forms.title("Payloads"), payloads);
        VBox.setVgrow(top, Priority.ALWAYS);
        inspect.setPadding(new Insets(16));
        Node comparison = new CompareView(compare, dialogs).root();
        comparison.visibleProperty().bind(compare.shownProperty());
        inspect.visibleProperty().bind(compare.shownProperty().not());
        root = new StackPane(inspect, comparison);
    }

    public Node root() {
        return root;
    }
}
