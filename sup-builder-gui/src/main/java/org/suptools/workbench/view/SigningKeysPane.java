package org.suptools.workbench.view;

import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.CheckBoxTableCell;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.suptools.workbench.viewmodel.SigningKeyRow;
import org.suptools.workbench.viewmodel.SigningKeysViewModel;

/**
 * The Build tab's signing keys: the remembered keys by key id, algorithm and label, a tick for
 * each that signs the next build, the state of its file, and the commands to make, add, forget
 * and share them.
 */
final class SigningKeysPane {

    /** The theme's column header height, with room to spare. */
    private static final double HEADER = 42;

    private final VBox root;

    SigningKeysPane(SigningKeysViewModel vm, FileDialogs dialogs) {
        TableView<SigningKeyRow> table = new TableView<>(vm.rows());
        table.setId("signing-keys");
        table.setEditable(true);
        // Three keys in view even at 1024x700: rows of a fixed, compact height, and never squeezed below that.
        table.setFixedCellSize(24);
        table.setPrefHeight(HEADER + 3 * 24 + 4);
        table.setMinHeight(HEADER + 3 * 24 + 4);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(Forms.hint("No keys: the package is built unsigned. Make one with New key..."));
        TableColumn<SigningKeyRow, Boolean> signs = new TableColumn<>("Sign");
        signs.setCellValueFactory(c -> c.getValue().signsProperty());
        signs.setCellFactory(CheckBoxTableCell.forTableColumn(signs));
        signs.setEditable(true);
        signs.setMinWidth(54);
        signs.setMaxWidth(58);
        TableColumn<SigningKeyRow, String> keyId = Tables.column("Key id", 150, SigningKeyRow::keyId);
        keyId.setMinWidth(150);
        keyId.getStyleClass().add("mono");
        TableColumn<SigningKeyRow, String> algorithm = Tables.column("Algorithm", 90, SigningKeyRow::algorithm);
        algorithm.setMinWidth(100);
        TableColumn<SigningKeyRow, String> label = Tables.column("Label", 150, SigningKeyRow::label);
        TableColumn<SigningKeyRow, String> state = Tables.column("Status", 130, row -> row.state().shown());
        Tables.tooltipWholeText(state);
        TableColumn<SigningKeyRow, String> file = Tables.column("Private key file", 220, SigningKeyRow::shownFile);
        Tables.tooltipWholeText(file);
        table.getColumns().setAll(java.util.List.of(signs, keyId, algorithm, label, state, file));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(SigningKeyRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().remove("action-row-error");
                if (empty || row == null) {
                    setTooltip(null);
                    return;
                }
                setTooltip(new Tooltip(row.shownFile() + (row.state().ready() ? "" : "\n" + row.state().shown()
                        + ": this key does not sign")));
                if (!row.state().ready()) {
                    getStyleClass().add("action-row-error");
                }
            }
        });
        var selected = table.getSelectionModel().selectedItemProperty();

        Button make = new Button("New key...");
        make.setId("new-key");
        make.setTooltip(new Tooltip("Make a key pair here, as 'sup keygen' does, and remember it"));
        make.disableProperty().bind(vm.makingProperty());
        make.setOnAction(e -> NewKeyDialog.ask(vm, dialogs, make.getScene()).ifPresent(
                answer -> vm.create(answer.base(), answer.algorithm(), answer.label())));
        Button add = new Button("Add key...");
        add.setId("add-key");
        add.setTooltip(new Tooltip("Remember a private key file you have (PEM): it stays where it is"));
        add.setOnAction(e -> dialogs.choosePrivateKey().ifPresent(vm::add));
        Button forget = new Button("Forget");
        forget.setId("forget-key");
        forget.setTooltip(new Tooltip("Remove the key from this list; its files are kept"));
        forget.disableProperty().bind(selected.isNull());
        forget.setOnAction(e -> vm.forget(selected.get()));
        Button copy = new Button("Copy public key");
        copy.setId("copy-public-key");
        copy.setTooltip(new Tooltip("Copy the public key (PEM) for a gateway's trust store"));
        copy.disableProperty().bind(selected.isNull());
        copy.setOnAction(e -> vm.publicKeyPem(selected.get()).ifPresent(pem -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(pem);
            Clipboard.getSystemClipboard().setContent(content);
        }));
        Button export = new Button("Export public key...");
        export.setId("export-public-key");
        export.setTooltip(new Tooltip("Write the public key (PEM) to a file for a gateway's trust store"));
        export.disableProperty().bind(selected.isNull());
        export.setOnAction(e -> {
            SigningKeyRow row = selected.get();
            dialogs.savePublicKey(vm.suggestedPublicKeyName(row)).ifPresent(to -> vm.exportPublicKey(row, to));
        });

        Label message = new Label();
        message.setId("keys-message");
        message.getStyleClass().add("hint");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        message.visibleProperty().bind(Bindings.isNotEmpty(vm.messageProperty()));
        message.managedProperty().bind(message.visibleProperty());
        root = new VBox(4, table, new HBox(6, make, add, forget, copy, export), message);
    }

    Node root() {
        return root;
    }
}
