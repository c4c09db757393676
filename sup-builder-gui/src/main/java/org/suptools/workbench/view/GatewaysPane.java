package org.suptools.workbench.view;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.suptools.workbench.service.GatewayEntry;
import org.suptools.workbench.service.GatewayInfo;
import org.suptools.workbench.viewmodel.GatewaysViewModel;

/** The remote gateways of the Packages tab: the list, the chosen one's packages, and adding one by trust on first use. */
final class GatewaysPane {

    private final ScrollPane root;

    GatewaysPane(GatewaysViewModel vm) {
        ListView<GatewayEntry> list = new ListView<>(vm.gateways());
        list.setId("gateways-list");
        list.setPrefHeight(120);
        list.setPlaceholder(Forms.hint("No remote gateway yet: add one below."));
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(GatewayEntry gateway, boolean empty) {
                super.updateItem(gateway, empty);
                setText(empty || gateway == null ? null : gateway.label());
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                vm.selectedProperty().set(now);
            }
        });
        vm.selectedProperty().addListener((obs, old, now) -> {
            if (now == null) {
                list.getSelectionModel().clearSelection();
            } else if (!now.equals(list.getSelectionModel().getSelectedItem())) {
                list.getSelectionModel().select(now);
            }
        });
        Button refresh = new Button("Refresh");
        refresh.setId("gateway-refresh");
        refresh.disableProperty().bind(vm.selectedProperty().isNull());
        refresh.setOnAction(e -> vm.refresh());
        Button remove = new Button("Remove");
        remove.setId("gateway-remove");
        remove.disableProperty().bind(vm.selectedProperty().isNull());
        remove.setOnAction(e -> vm.removeSelected());

        Label identity = new Label();
        identity.setId("gateway-identity");
        identity.setWrapText(true);
        identity.textProperty().bind(vm.identityProperty());
        identity.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        vm.refusedProperty().addListener((obs, old, now) -> {
            identity.getStyleClass().remove("outcome-failed");
            if (now) {
                identity.getStyleClass().add("outcome-failed");
            }
        });
        TableView<GatewayInfo.InstalledPackage> packages = new TableView<>(vm.packages());
        packages.setId("gateway-packages");
        packages.setPrefHeight(120);
        packages.setPlaceholder(Forms.hint("Choose a gateway to see its installed packages."));
        packages.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        packages.getColumns().add(Tables.column("Installed package", 140, GatewayInfo.InstalledPackage::name));
        packages.getColumns().add(Tables.column("Version", 70, GatewayInfo.InstalledPackage::version));
        packages.getColumns().add(Tables.column("Installed at", 140, GatewayInfo.InstalledPackage::installedAt));
        Tables.fitColumnsToContent(packages);

        TitledPane add = new TitledPane("Add a gateway", addForm(vm));
        add.setId("gateway-add");
        add.setExpanded(vm.gateways().isEmpty());

        Label message = new Label();
        message.setId("gateway-message");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        message.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        // Once a gateway is added, the form gives its room back to the list and the packages.
        vm.gateways().addListener((javafx.collections.ListChangeListener<GatewayEntry>) change ->
                add.setExpanded(vm.gateways().isEmpty()));

        VBox content = new VBox(6, Forms.title("Gateways"), list, new HBox(6, refresh, remove), identity, packages,
                add, message);
        VBox.setVgrow(packages, Priority.ALWAYS);
        content.setPadding(new Insets(0, 8, 0, 0));
        // A short window scrolls the pane rather than cut off the form or the trust message at its foot.
        root = Forms.scrolling(content);
        root.setId("gateways-pane");
        root.setMinWidth(300);
    }

    private static Node addForm(GatewaysViewModel vm) {
        TextField name = new TextField();
        name.setId("gateway-name");
        name.setPromptText("gw-1");
        name.textProperty().bindBidirectional(vm.newNameProperty());
        TextField address = new TextField();
        address.setId("gateway-address");
        address.setPromptText("https://192.168.1.20:7443");
        address.textProperty().bindBidirectional(vm.newAddressProperty());
        PasswordField token = new PasswordField();
        token.setId("gateway-token");
        token.setPromptText("the agent's manage token");
        token.textProperty().bindBidirectional(vm.newTokenProperty());
        Button check = new Button("Check certificate");
        check.setId("gateway-check");
        check.setOnAction(e -> vm.checkCertificate());
        Label fingerprint = new Label();
        fingerprint.setId("gateway-fingerprint");
        fingerprint.getStyleClass().add("mono");
        fingerprint.setWrapText(true);
        // The value the user compares with the agent's log: shown whole on as many lines as it takes, never "SHA-256 ...".
        fingerprint.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        fingerprint.textProperty().bind(vm.pendingFingerprintProperty().map(f -> f.isEmpty() ? "" : "SHA-256 " + f));
        Button trust = new Button("Trust and add");
        trust.setId("gateway-trust");
        trust.disableProperty().bind(vm.canTrustBinding().not());
        trust.setOnAction(e -> vm.trustAndAdd());
        Button cancel = new Button("Cancel");
        cancel.setOnAction(e -> vm.cancelAdd());
        HBox answer = new HBox(6, trust, cancel);
        answer.visibleProperty().bind(vm.pendingFingerprintProperty().isNotEmpty());
        answer.managedProperty().bind(answer.visibleProperty());

        GridPane grid = new GridPane();
        grid.setHgap(6);
        grid.setVgap(4);
        grid.addRow(0, new Label("Name"), name);
        grid.addRow(1, new Label("Address"), address);
        grid.addRow(2, new Label("Token"), token);
        GridPane.setHgrow(name, Priority.ALWAYS);
        GridPane.setHgrow(address, Priority.ALWAYS);
        GridPane.setHgrow(token, Priority.ALWAYS);
        Label tokenHint = Forms.hint("The token is kept in a file only you can read (0600) in your config folder.");
        tokenHint.setWrapText(true);
        tokenHint.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        return new VBox(6, grid, check, fingerprint, answer, tokenHint);
    }

    Node root() {
        return root;
    }
}
