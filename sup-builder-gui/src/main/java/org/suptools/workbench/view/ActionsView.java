package org.suptools.workbench.view;

import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.suptools.model.action.ActionType;
import org.suptools.workbench.document.ActionFields;
import org.suptools.workbench.viewmodel.ActionRow;
import org.suptools.workbench.viewmodel.ActionsViewModel;

/**
 * The actions screen: the palette of action types, the ordered list (drag a row to move it, or
 * Alt+Up / Alt+Down), and the typed editor of the selected action. Binds only.
 */
public final class ActionsView {

    private final ActionsViewModel vm;
    private final SplitPane root;
    private final TableView<ActionRow> table = new TableView<>();
    private final ActionEditorView editor;
    private boolean syncing;
    private int dragFrom = -1;

    public ActionsView(ActionsViewModel vm, ActionEditorView editor) {
        this.vm = vm;
        this.editor = editor;

        ListView<ActionType> palette = new ListView<>();
        palette.setId("palette");
        palette.getStyleClass().add("palette");
        palette.getItems().setAll(vm.palette());
        palette.setPlaceholder(Forms.hint("No action types."));
        palette.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(ActionType type, boolean empty) {
                super.updateItem(type, empty);
                setText(empty || type == null ? null : type.typeName());
                // What the type does, on hover: the palette is too narrow to show it beside every name.
                setTooltip(empty || type == null ? null : new Tooltip(ActionFields.describe(type)));
            }
        });
        palette.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && palette.getSelectionModel().getSelectedItem() != null) {
                vm.add(palette.getSelectionModel().getSelectedItem());
            }
        });
        palette.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && palette.getSelectionModel().getSelectedItem() != null) {
                vm.add(palette.getSelectionModel().getSelectedItem());
                e.consume();
            }
        });
        Button add = new Button("Add");
        add.setId("add-action");
        add.setMaxWidth(Double.MAX_VALUE);
        add.disableProperty().bind(palette.getSelectionModel().selectedItemProperty().isNull());
        add.setOnAction(e -> vm.add(palette.getSelectionModel().getSelectedItem()));
        javafx.scene.control.Label described = Forms.hint("");
        described.setId("palette-description");
        described.textProperty().bind(palette.getSelectionModel().selectedItemProperty()
                .map(ActionFields::describe).orElse("Choose a type to see what it does."));
        described.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        VBox paletteBox = new VBox(6, Forms.title("Palette"), Forms.hint("Double-click or Enter adds after the selected action."),
                palette, described, add);
        VBox.setVgrow(palette, Priority.ALWAYS);
        paletteBox.setPadding(new Insets(10));

        table.setId("actions-table");
        table.setItems(vm.rows());
        table.setPlaceholder(Forms.hint("No actions yet: add one from the palette."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("#", 40, r -> String.valueOf(r.index())));
        table.getColumns().add(column("Type", 130, ActionRow::type));
        table.getColumns().add(column("Id", 110, ActionRow::id));
        table.getColumns().add(column("When", 60, r -> r.conditional() ? "when" : ""));
        TableColumn<ActionRow, String> summary = column("Summary", 200, ActionRow::summary);
        summary.setId("actions-summary");
        Tables.tooltipWholeText(summary);
        table.getColumns().add(summary);
        Tables.fitColumnsToContent(table);
        table.setRowFactory(t -> row());
        // A row replaced under the selection briefly leaves none selected; the action stays selected.
        table.getSelectionModel().selectedIndexProperty().addListener((obs, old, now) -> {
            if (!syncing && now.intValue() >= 0) {
                vm.select(now.intValue());
            }
        });
        vm.selectedIndexProperty().addListener((obs, old, now) -> showSelection());
        vm.rows().addListener((javafx.collections.ListChangeListener<ActionRow>) c -> showSelection());
        table.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.isAltDown() && e.getCode() == KeyCode.UP) {
                vm.moveSelectedUp();
                e.consume();
            } else if (e.isAltDown() && e.getCode() == KeyCode.DOWN) {
                vm.moveSelectedDown();
                e.consume();
            } else if (e.getCode() == KeyCode.DELETE) {
                vm.removeSelected();
                e.consume();
            } else if (e.isShortcutDown() && e.getCode() == KeyCode.D) {
                vm.duplicateSelected();
                e.consume();
            }
        });
        Button remove = button("Remove", "remove-action", "Delete", vm::removeSelected);
        remove.disableProperty().bind(vm.hasSelectionBinding().not());
        Button duplicate = button("Duplicate", "duplicate-action", "Ctrl+D", vm::duplicateSelected);
        duplicate.disableProperty().bind(vm.hasSelectionBinding().not());
        Button up = button("Move up", "move-up", "Alt+Up", vm::moveSelectedUp);
        up.disableProperty().bind(vm.canMoveUpBinding().not());
        Button down = button("Move down", "move-down", "Alt+Down", vm::moveSelectedDown);
        down.disableProperty().bind(vm.canMoveDownBinding().not());
        VBox listBox = new VBox(6, Forms.title("Actions, in order"), table, new HBox(6, remove, duplicate, up, down),
                Forms.hint("Drag a row to move it. Rows marked 'when' run only on matching gateways."));
        VBox.setVgrow(table, Priority.ALWAYS);
        listBox.setPadding(new Insets(10));

        root = new SplitPane(paletteBox, listBox, editor.root());
        root.setOrientation(Orientation.HORIZONTAL);
        root.setDividerPositions(0.15, 0.58);
        SplitPane.setResizableWithParent(paletteBox, false);
        showSelection();
    }

    private TableColumn<ActionRow, String> column(String title, double width, java.util.function.Function<ActionRow, String> value) {
        TableColumn<ActionRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new SimpleStringProperty(value.apply(c.getValue())));
        column.setPrefWidth(width);
        column.setSortable(false);
        column.setReorderable(false);
        return column;
    }

    /** Rows marked by problem, that move by a press-drag-release gesture inside the table. */
    private TableRow<ActionRow> row() {
        TableRow<ActionRow> row = new TableRow<>() {
            @Override
            protected void updateItem(ActionRow item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("action-row-error");
                setTooltip(null);
                if (!empty && item != null) {
                    if ("error".equals(item.problem())) {
                        getStyleClass().add("action-row-error");
                    }
                    if (item.conditional()) {
                        setTooltip(new Tooltip("runs only when " + item.when()));
                    }
                }
            }
        };
        row.setOnDragDetected(e -> {
            if (!row.isEmpty()) {
                dragFrom = row.getIndex();
                row.startFullDrag();
            }
        });
        row.setOnMouseDragEntered(e -> row.getStyleClass().add("drop-target"));
        row.setOnMouseDragExited(e -> row.getStyleClass().removeAll("drop-target"));
        row.setOnMouseDragReleased(e -> {
            row.getStyleClass().removeAll("drop-target");
            int to = row.isEmpty() ? vm.rows().size() - 1 : row.getIndex();
            if (dragFrom >= 0) {
                vm.move(dragFrom, to);
            }
            dragFrom = -1;
        });
        return row;
    }

    private static Button button(String text, String id, String shortcut, Runnable action) {
        Button button = new Button(text);
        button.setId(id);
        button.setTooltip(new Tooltip(shortcut));
        button.setOnAction(e -> action.run());
        return button;
    }

    private void showSelection() {
        syncing = true;
        try {
            int index = vm.selectedIndex();
            if (index >= 0 && index < table.getItems().size()) {
                if (table.getSelectionModel().getSelectedIndex() != index) {
                    table.getSelectionModel().select(index);
                    table.scrollTo(Math.max(0, index - 3));
                }
            } else {
                table.getSelectionModel().clearSelection();
            }
        } finally {
            syncing = false;
        }
    }

    public boolean focus(String location) {
        return editor.focus(location);
    }

    public TableView<ActionRow> table() {
        return table;
    }

    public Node root() {
        return root;
    }
}
