package org.suptools.workbench.view;

import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/** Read-only table columns from a function of the row, and columns sized to what they show. */
final class Tables {

    /** Room for a cell's padding and a header's sort arrow, beside the text itself. */
    private static final double PADDING = 28;

    private Tables() {
    }

    /**
     * Sizes every column but the last to its header and its widest cell, again whenever the rows
     * change, so that neither a value ({@code linux}) nor a header ({@code When}) is cut short, on a
     * narrow window too (the table then scrolls sideways); the last column takes the room left (its cells show their whole text as a tooltip when it is not
     * enough). A header is never narrower than its title.
     *
     * <p>The widths are measured in the cells' own font, which the table has only once it has
     * cells: a table on a tab not yet shown gets its rows before it is laid out, and measured then
     * in the default font its columns came out a few characters short of a SHA-256. So it is
     * measured again when it is laid out (its width changes from 0) and whenever it is resized.
     */
    static <R> void fitColumnsToContent(TableView<R> table) {
        Runnable fit = () -> Platform.runLater(() -> fit(table));
        table.getItems().addListener((ListChangeListener<R>) c -> fit.run());
        table.itemsProperty().addListener((obs, old, now) -> {
            now.addListener((ListChangeListener<R>) c -> fit.run());
            fit.run();
        });
        table.skinProperty().addListener((obs, old, now) -> fit.run());
        table.widthProperty().addListener((obs, old, now) -> fit.run());
        fit.run();
    }

    private static <R> void fit(TableView<R> table) {
        Font font = table.lookupAll(".table-cell").stream().filter(Labeled.class::isInstance)
                .map(n -> ((Labeled) n).getFont()).findFirst().orElse(Font.getDefault());
        Font headerFont = table.lookupAll(".column-header .label").stream().filter(Labeled.class::isInstance)
                .map(n -> ((Labeled) n).getFont()).findFirst().orElse(font);
        var columns = table.getVisibleLeafColumns();
        for (int c = 0; c < columns.size(); c++) {
            TableColumn<R, ?> column = columns.get(c);
            double header = width(column.getText(), headerFont) + PADDING;
            if (c == columns.size() - 1) {
                if (Math.abs(column.getMinWidth() - header) > 0.5) {
                    column.setMinWidth(header);
                }
                continue;
            }
            double widest = header;
            for (int row = 0; row < table.getItems().size(); row++) {
                Object value = column.getCellData(row);
                if (value != null) {
                    widest = Math.max(widest, width(value.toString(), font) + PADDING);
                }
            }
            if (Math.abs(column.getPrefWidth() - widest) > 0.5) {
                column.setPrefWidth(widest);
            }
            // Not squeezed below it either when the window is narrow: the table scrolls sideways instead.
            if (Math.abs(column.getMinWidth() - widest) > 0.5) {
                column.setMinWidth(widest);
            }
        }
    }

    private static double width(String text, Font font) {
        Text measure = new Text(text == null ? "" : text);
        measure.setFont(font);
        return Math.ceil(measure.getLayoutBounds().getWidth());
    }

    /** Starts editing a cell once the table has made it (a row just added has no cell yet), focused to type in. */
    static <R> void editSoon(TableView<R> table, int row, TableColumn<R, ?> column) {
        table.getSelectionModel().clearAndSelect(row, column);
        table.scrollTo(row);
        table.requestFocus();
        Platform.runLater(() -> {
            table.layout();
            table.edit(row, column);
        });
    }

    /** Cells that show their whole text as a tooltip, for a column that may be too narrow for it. */
    static <R> void tooltipWholeText(TableColumn<R, String> column) {
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null || item.isEmpty() ? null : new Tooltip(item));
            }
        });
    }

    static <R> TableColumn<R, String> column(String title, double width, Function<R, String> value) {
        TableColumn<R, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new SimpleStringProperty(value.apply(c.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format("%.1f KiB", bytes / 1024.0);
        }
        return String.format("%.1f MiB", bytes / (1024.0 * 1024));
    }
}
