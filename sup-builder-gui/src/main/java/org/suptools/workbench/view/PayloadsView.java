package org.suptools.workbench.view;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.suptools.workbench.viewmodel.PayloadRow;
import org.suptools.workbench.viewmodel.PayloadsViewModel;

/** The payloads screen: files with size, SHA-256, the actions that use them; unused ones flagged. */
public final class PayloadsView {

    private final VBox root;

    /** @param saveFirst saves the package (asking where, for a new one); false when the user cancels */
    public PayloadsView(PayloadsViewModel vm, FileDialogs dialogs, BooleanSupplier saveFirst) {
        TableView<PayloadRow> table = new TableView<>(vm.rows());
        table.setId("payloads-table");
        table.setPlaceholder(Forms.hint("No payload files. Add one here or from an action's payload picker."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setEditable(true);
        TableColumn<PayloadRow, String> file = Tables.column("File", 200, PayloadRow::name);
        file.setId("payloads-name");
        file.setEditable(true);
        file.setCellFactory(column -> new CommittingTextCell<>());
        file.setOnEditCommit(e -> vm.rename(e.getRowValue().name(), e.getNewValue()));
        table.getColumns().add(file);
        table.getColumns().add(Tables.column("Size", 90, r -> Tables.size(r.size())));
        table.getColumns().add(Tables.column("SHA-256", 470, r -> r.sha256().isEmpty() ? "computing..." : r.sha256()));
        table.getColumns().add(Tables.column("Used by", 200, r -> r.unused() ? "unused (warning)" : r.usedBy()));
        Tables.fitColumnsToContent(table);
        table.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(PayloadRow item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("row-warning");
                if (!empty && item != null && item.unused()) {
                    getStyleClass().add("row-warning");
                }
            }
        });
        Button add = new Button("Add file...");
        add.setId("add-payload");
        add.setOnAction(e -> {
            if (vm.hasPayloadDirectory() || saveFirst.getAsBoolean()) {
                dialogs.choosePayloadFile().ifPresent(vm::addFile);
            }
        });
        Button remove = new Button("Remove file");
        remove.setId("remove-payload");
        remove.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> vm.remove(table.getSelectionModel().getSelectedItem().name()));
        Button rename = new Button("Rename...");
        rename.setId("rename-payload");
        rename.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        rename.setOnAction(e -> {
            table.requestFocus();
            table.edit(table.getSelectionModel().getSelectedIndex(), file);
        });
        Button rescan = new Button("Rescan");
        rescan.setOnAction(e -> vm.rescan());
        ProgressIndicator hashing = new ProgressIndicator();
        hashing.setPrefSize(18, 18);
        hashing.visibleProperty().bind(vm.hashingProperty());
        Label status = new Label();
        status.textProperty().bind(vm.statusProperty());
        Label dir = new Label();
        dir.textProperty().bind(vm.directoryProperty());
        dir.getStyleClass().add("hint");
        Label dropHint = new Label();
        dropHint.setId("payloads-drop-hint");
        dropHint.getStyleClass().add("outcome-succeeded");
        dropHint.managedProperty().bind(dropHint.visibleProperty());
        dropHint.setVisible(false);
        status.managedProperty().bind(status.visibleProperty());
        status.visibleProperty().bind(dropHint.visibleProperty().not());
        status.setId("payloads-status");
        HBox buttons = new HBox(8, add, rename, remove, rescan, hashing, status, dropHint);
        buttons.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        root = new VBox(8, Forms.title("Payload files"), dir, table, buttons,
                Forms.hint("Double-click a file name to rename it: the actions that use it follow. Unused files are "
                        + "flagged as a warning; they still go into the package. Drop files from the file manager "
                        + "anywhere here to add them (a folder is not added: drop the files in it)."));
        VBox.setVgrow(table, Priority.ALWAYS);
        root.setPadding(new Insets(16));
        acceptDroppedFiles(vm, saveFirst, table, dropHint);
    }

    /**
     * Files dragged from the desktop onto this screen (the table, the Add file row, anywhere) are
     * copied in as Add file... does; the table is outlined while they hover. A package never saved
     * is saved first, as for Add file...: after the drop, so that no dialog opens inside the drag.
     */
    private void acceptDroppedFiles(PayloadsViewModel vm, BooleanSupplier saveFirst, TableView<PayloadRow> table,
            Label dropHint) {
        root.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
                if (!table.getStyleClass().contains("payload-drop-target")) {
                    table.getStyleClass().add("payload-drop-target");
                }
                int count = e.getDragboard().getFiles().size();
                dropHint.setText("Drop to copy " + (count == 1 ? "1 file" : count + " files") + " into payload/");
                dropHint.setVisible(true);
            }
            e.consume();
        });
        Runnable unmark = () -> {
            table.getStyleClass().remove("payload-drop-target");
            dropHint.setVisible(false);
        };
        root.setOnDragExited(e -> unmark.run());
        root.setOnDragDropped(e -> {
            boolean files = e.getDragboard().hasFiles();
            List<Path> dropped = files ? e.getDragboard().getFiles().stream().map(File::toPath).toList() : List.of();
            e.setDropCompleted(files);
            e.consume();
            unmark.run();
            if (files) {
                Platform.runLater(() -> {
                    if (vm.hasPayloadDirectory() || saveFirst.getAsBoolean()) {
                        vm.addFiles(dropped);
                    }
                });
            }
        });
    }

    public Node root() {
        return root;
    }
}
