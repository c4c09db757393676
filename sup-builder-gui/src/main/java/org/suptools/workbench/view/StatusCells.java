package org.suptools.workbench.view;

import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.layout.Region;
import org.suptools.workbench.viewmodel.ApplyRow;

/**
 * A status shown with its colour and a small icon (a tick, a cross, a triangle...), so that a
 * failed or rolled-back action stands out in a long table at a glance, and not by colour alone.
 */
final class StatusCells {

    static final String PREFIX = "status-";

    private StatusCells() {
    }

    static <R> void install(TableColumn<R, String> column) {
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String status, boolean empty) {
                super.updateItem(status, empty);
                getStyleClass().removeIf(style -> style.startsWith(PREFIX));
                if (empty || status == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                setText(status);
                setGraphic(icon());
                getStyleClass().add(styleOf(ApplyRow.kindOf(status)));
            }
        });
    }

    static String styleOf(ApplyRow.Kind kind) {
        return PREFIX + kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The icon's shape and colour come from the cell's style class (workbench.css). */
    private static Region icon() {
        Region icon = new Region();
        icon.getStyleClass().add("status-icon");
        return icon;
    }
}
