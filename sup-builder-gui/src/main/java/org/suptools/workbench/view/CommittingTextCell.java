package org.suptools.workbench.view;

import javafx.application.Platform;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * A table cell edited as text the way a spreadsheet is: Enter commits and goes to the cell below,
 * Tab (Shift+Tab) commits and goes to the next (previous) cell, Escape cancels, and leaving the
 * cell any other way commits too. Focus stays in the table, so the keyboard can go on; JavaFX's own
 * text cell leaves a cell still in edit mode on Tab and lets focus fall to the tab strip on Enter.
 */
final class CommittingTextCell<S> extends TableCell<S, String> {

    private TextField field;

    @Override
    public void startEdit() {
        if (!isEditable() || !getTableView().isEditable() || !getTableColumn().isEditable()) {
            return;
        }
        super.startEdit();
        if (!isEditing()) {
            return;
        }
        if (field == null) {
            field = new TextField();
            field.getStyleClass().add("cell-editor");
            field.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
            field.focusedProperty().addListener((obs, was, now) -> {
                if (!now && isEditing()) {
                    commitEdit(field.getText());
                }
            });
        }
        field.setText(getItem() == null ? "" : getItem());
        setText(null);
        setGraphic(field);
        setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        field.selectAll();
        field.requestFocus();
    }

    private void onKey(KeyEvent e) {
        TableView<S> table = getTableView();
        int row = getIndex();
        int column = table.getVisibleLeafColumns().indexOf(getTableColumn());
        if (e.getCode() == KeyCode.ENTER) {
            e.consume();
            commitEdit(field.getText());
            moveTo(table, Math.min(row + 1, table.getItems().size() - 1), column);
        } else if (e.getCode() == KeyCode.TAB) {
            e.consume();
            commitEdit(field.getText());
            int columns = table.getVisibleLeafColumns().size();
            int next = row * columns + column + (e.isShiftDown() ? -1 : 1);
            next = Math.max(0, Math.min(next, table.getItems().size() * columns - 1));
            moveTo(table, next / columns, next % columns);
        } else if (e.getCode() == KeyCode.ESCAPE) {
            e.consume();
            cancelEdit();
            moveTo(table, row, column);
        }
    }

    /** Selects a cell and gives the table the focus, once the commit has refreshed its rows. */
    private static <S> void moveTo(TableView<S> table, int row, int column) {
        table.requestFocus();
        Platform.runLater(() -> {
            if (row >= 0 && row < table.getItems().size()) {
                TableColumn<S, ?> target = table.getVisibleLeafColumns().get(column);
                table.getSelectionModel().clearAndSelect(row, target);
                table.getFocusModel().focus(row, target);
                table.scrollTo(row);
            }
            table.requestFocus();
        });
    }

    @Override
    public void commitEdit(String value) {
        TableView<S> table = getTableView();
        super.commitEdit(value);
        if (table != null) {
            table.requestFocus();
        }
        showText();
    }

    @Override
    public void cancelEdit() {
        super.cancelEdit();
        showText();
    }

    @Override
    protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        if (empty) {
            setText(null);
            setGraphic(null);
        } else if (isEditing() && field != null) {
            field.setText(item);
            setText(null);
            setGraphic(field);
        } else {
            showText();
        }
    }

    private void showText() {
        setText(getItem());
        setGraphic(null);
        setContentDisplay(ContentDisplay.TEXT_ONLY);
    }
}
