package org.suptools.workbench.view;

import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.value.ObservableStringValue;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.suptools.workbench.viewmodel.ShownPath;

/** Small helpers the views share to lay out labelled fields with their inline messages. */
final class Forms {

    private Forms() {
    }

    static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(4);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(150);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setFillWidth(true);
        grid.getColumnConstraints().setAll(labels, fields);
        return grid;
    }

    /** Adds a row: label, field and, under the field, its message (hidden while empty). Returns the next row. */
    static int row(GridPane grid, int row, String label, Node field, ObservableStringValue message, String hint) {
        Label caption = new Label(label);
        caption.setLabelFor(field);
        caption.setMnemonicParsing(false);
        VBox box = new VBox(2, field);
        if (hint != null && !hint.isBlank()) {
            Tooltip.install(field, new Tooltip(hint));
        }
        if (message != null) {
            box.getChildren().add(message(message, field.getId() == null ? null : field.getId() + "-message"));
        }
        grid.add(caption, 0, row);
        grid.add(box, 1, row);
        GridPane.setFillWidth(box, true);
        return row + 1;
    }

    static Label message(ObservableStringValue message, String id) {
        Label text = new Label();
        text.getStyleClass().add("field-message");
        text.textProperty().bind(message);
        text.visibleProperty().bind(text.textProperty().isNotEmpty());
        text.managedProperty().bind(text.visibleProperty());
        text.setWrapText(true);
        text.setMaxWidth(Double.MAX_VALUE);
        if (id != null) {
            text.setId(id);
        }
        return text;
    }

    /** A path as the Workbench shows it ({@link ShownPath}), following the property; empty when there is none. */
    static StringBinding shownPath(ObservableValue<Path> path) {
        return Bindings.createStringBinding(() -> ShownPath.of(path.getValue()), path);
    }

    /**
     * A pane that fills the room it gets and scrolls once that room is less than the content's
     * minimum height, so nothing at the foot of a screen is cut off on a short window.
     */
    static ScrollPane scrolling(Region content) {
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.getStyleClass().add("edge-to-edge");
        FocusInView.follow(scroll);
        return scroll;
    }

    static Label title(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("section-title");
        return label;
    }

    static Label hint(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("hint");
        label.setWrapText(true);
        // Wrapped onto the lines it needs rather than squeezed onto one and cut short with "...".
        label.setMinHeight(Region.USE_PREF_SIZE);
        return label;
    }
}
