package org.suptools.workbench.view;

import java.util.Map;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.suptools.workbench.document.RowDraft;
import org.suptools.workbench.viewmodel.TableEditor;

/**
 * A table of the package screen edited in place: a text column per field (double-click a cell, or
 * F2 or typing on it, to edit it; Enter and Tab commit and go on), Add and Remove buttons, and the inline message of the table's problems. Binds only.
 * Ids: the table is {@code #requires}, its columns {@code #requires-name}, the buttons
 * {@code #add-requirement} and {@code #remove-requirement}, the message {@code #requires-message}.
 */
final class EditableTable<D extends RowDraft<D>> {

    private final TableEditor<D> editor;
    private final TableView<D> table = new TableView<>();
    private final VBox root;
    private final HBox buttons;

    /** @param columns each column's title and preferred width, by field */
    EditableTable(TableEditor<D> editor, Map<String, Column> columns, ObservableStringValue message) {
        this.editor = editor;
        table.setId(editor.field());
        table.setEditable(true);
        table.setItems(editor.rows());
        table.setPrefHeight(150);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getSelectionModel().setCellSelectionEnabled(true);
        for (String field : editor.columns()) {
            Column spec = columns.get(field);
            TableColumn<D, String> column = new TableColumn<>(spec.title());
            column.setId(editor.field() + "-" + field);
            column.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().get(field)));
            column.setCellFactory(c -> new CommittingTextCell<>());
            column.setOnEditCommit(e -> editor.set(e.getTablePosition().getRow(), field, e.getNewValue()));
            column.setPrefWidth(spec.width());
            // Never narrower than its preferred width: a short value such as 'linux' is not cut to 'li...';
            // the table scrolls sideways instead when the window is too narrow.
            column.setMinWidth(spec.width());
            table.getColumns().add(column);
        }
        table.setPlaceholder(Forms.hint("None yet: 'Add " + editor.noun() + "' adds a row to type into."));
        Button add = new Button("Add " + editor.noun());
        add.setId("add-" + editor.noun());
        add.setOnAction(e -> {
            editor.add();
            int last = editor.rows().size() - 1;
            table.getSelectionModel().clearAndSelect(last, table.getColumns().get(0));
            table.scrollTo(last);
            table.requestFocus();
        });
        Button remove = new Button("Remove " + editor.noun());
        remove.setId("remove-" + editor.noun());
        remove.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> editor.remove(table.getSelectionModel().getSelectedIndex()));
        Label problems = Forms.message(message, editor.field() + "-message");
        // Never cut to "Add requirem...": the buttons keep their whole labels.
        add.setMinWidth(Region.USE_PREF_SIZE);
        remove.setMinWidth(Region.USE_PREF_SIZE);
        buttons = new HBox(8, add, remove);
        root = new VBox(6, table, problems);
    }

    /** A column's title and preferred width. */
    record Column(String title, double width) {
    }

    /** Selects and focuses the cell of a problem location in this table; false for a location elsewhere. */
    boolean focus(String location) {
        if (!editor.covers(location)) {
            return false;
        }
        editor.cellAt(location).filter(cell -> cell.row() < editor.rows().size()).ifPresent(cell -> {
            TableColumn<D, ?> column = table.getColumns().get(cell.column().map(editor.columns()::indexOf).orElse(0));
            table.getSelectionModel().clearAndSelect(cell.row(), column);
            table.scrollTo(cell.row());
        });
        table.requestFocus();
        return true;
    }

    /** The table and the message of its problems. */
    Node root() {
        return root;
    }

    /** Add and Remove, for the screen to place where they stay in view. */
    Node buttons() {
        return buttons;
    }
}
