package org.suptools.workbench.view;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import org.suptools.workbench.viewmodel.CompareViewModel;
import org.suptools.workbench.viewmodel.DiffRow;

/**
 * Two packages compared, on the Inspect screen: A (old) and B (new), the count or "identical",
 * and one row a difference, section by section; the text {@code sup diff} prints goes to the
 * clipboard on request.
 */
final class CompareView {

    private final VBox root;

    CompareView(CompareViewModel vm, FileDialogs dialogs) {
        Button back = new Button("Back to the package");
        back.setId("compare-back");
        back.setOnAction(e -> vm.close());
        Button other = new Button("Compare A with...");
        other.setId("compare-other");
        other.setTooltip(new Tooltip("Choose another package B to compare A with"));
        other.disableProperty().bind(vm.fileAProperty().isNull());
        other.setOnAction(e -> dialogs.chooseSupToCompare().ifPresent(b -> vm.compare(vm.fileAProperty().get(), b)));
        Button swap = new Button("Swap A and B");
        swap.setId("compare-swap");
        swap.disableProperty().bind(vm.busyProperty().or(vm.fileAProperty().isNull()));
        swap.setOnAction(e -> vm.swap());
        Button refresh = new Button("Compare again");
        refresh.setId("compare-refresh");
        refresh.setTooltip(new Tooltip("Read both files again, after one was rebuilt"));
        refresh.disableProperty().bind(vm.busyProperty().or(vm.fileAProperty().isNull()));
        refresh.setOnAction(e -> vm.refresh());
        Button copy = new Button("Copy as text");
        copy.setId("compare-copy");
        copy.setTooltip(new Tooltip("The lines 'sup diff A.sup B.sup' prints, to paste into a review"));
        copy.disableProperty().bind(vm.comparisonProperty().isNull());
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(vm.text());
            Clipboard.getSystemClipboard().setContent(content);
        });
        ProgressBar progress = new ProgressBar();
        progress.setId("compare-progress");
        progress.setPrefWidth(160);
        progress.progressProperty().bind(vm.progressProperty());
        progress.visibleProperty().bind(vm.busyProperty());

        GridPane files = Forms.grid();
        files.getColumnConstraints().get(0).setMinWidth(70);
        files.add(new Label("A (old)"), 0, 0);
        files.add(text(vm.describeAProperty(), "compare-a"), 1, 0);
        files.add(new Label("B (new)"), 0, 1);
        files.add(text(vm.describeBProperty(), "compare-b"), 1, 1);

        Label headline = new Label();
        headline.setId("compare-headline");
        headline.setWrapText(true);
        headline.textProperty().bind(vm.headlineProperty());
        headline.getStyleClass().add("compare-headline");
        headline.textProperty().addListener((obs, was, is) -> style(headline, vm));
        style(headline, vm);

        TableView<DiffRow> table = new TableView<>(vm.rows());
        table.setId("compare-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(Tables.column("Section", 92, DiffRow::section));
        TableColumn<DiffRow, String> kind = Tables.column("Change", 76, DiffRow::kind);
        kind.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                getStyleClass().removeAll("status-success", "status-failure", "status-warning");
                if (!empty && item != null) {
                    getStyleClass().add(switch (item) {
                        case "added" -> "status-success";
                        case "removed" -> "status-failure";
                        default -> "status-warning";
                    });
                }
            }
        });
        table.getColumns().add(kind);
        TableColumn<DiffRow, String> item = Tables.column("Item", 140, DiffRow::item);
        Tables.tooltipWholeText(item);
        table.getColumns().add(item);
        TableColumn<DiffRow, String> field = Tables.column("Field", 130, DiffRow::field);
        Tables.tooltipWholeText(field);
        table.getColumns().add(field);
        table.getColumns().add(wrapping("Before (A)", 260, DiffRow::before));
        table.getColumns().add(wrapping("After (B)", 260, DiffRow::after));
        Label placeholder = Forms.hint("");
        placeholder.textProperty().bind(Bindings.when(vm.identicalProperty())
                .then("The two packages are identical: nothing to list.")
                .otherwise(Bindings.when(vm.busyProperty()).then("Reading both packages...")
                        .otherwise("No comparison.")));
        table.setPlaceholder(placeholder);

        Label about = Forms.hint("What 'sup diff A.sup B.sup' shows: actions are matched by id, payloads by SHA-256 (both "
                        + "packages' payloads are hashed first), signers by key id (their trust is not checked here). "
                        + "The creation time is left out.");
        about.setMinHeight(Region.USE_PREF_SIZE);
        root = new VBox(8, new HBox(8, back, other, swap, refresh, copy, progress), Forms.title("Compare two packages"),
                files, headline, table, about);
        VBox.setVgrow(table, Priority.ALWAYS);
        root.setPadding(new Insets(16));
        root.setId("compare-screen");
    }

    private static void style(Label headline, CompareViewModel vm) {
        headline.getStyleClass().removeAll("outcome-succeeded", "outcome-failed", "outcome-warning");
        if (!vm.busyProperty().get() && vm.fileAProperty().get() != null) {
            headline.getStyleClass().add(vm.failedProperty().get() ? "outcome-failed"
                    : vm.identicalProperty().get() ? "outcome-succeeded" : "outcome-warning");
        }
    }

    private static Label text(javafx.beans.value.ObservableStringValue value, String id) {
        Label label = new Label();
        label.setId(id);
        label.textProperty().bind(value);
        label.setMinWidth(0);
        return label;
    }

    /** A column whose cells wrap, so a whole SHA-256 or a long value is shown, not cut off. */
    private static TableColumn<DiffRow, String> wrapping(String title, double width,
            java.util.function.Function<DiffRow, String> value) {
        TableColumn<DiffRow, String> column = Tables.column(title, width, value);
        column.setCellFactory(c -> {
            // A Text wrapped to the column's width: the row grows to every line of it, where a
            // wrapping label would stop at two and cut a SHA-256 short.
            Text text = new Text();
            text.getStyleClass().add("text");
            text.wrappingWidthProperty().bind(c.widthProperty().subtract(14));
            TableCell<DiffRow, String> cell = new TableCell<>() {
                @Override
                protected void updateItem(String item, boolean empty) {
                    super.updateItem(item, empty);
                    text.setText(empty || item == null ? "" : item);
                    setGraphic(empty ? null : text);
                }
            };
            cell.setPrefHeight(Control.USE_COMPUTED_SIZE);
            cell.getStyleClass().add("mono");
            return cell;
        });
        return column;
    }

    Node root() {
        return root;
    }
}
