package org.suptools.workbench.view;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.suptools.workbench.document.FieldSpec;
import org.suptools.workbench.document.KeyValue;
import org.suptools.workbench.viewmodel.ActionEditorViewModel;

/**
 * The typed editor of the selected action, built from the parameters its type has: payload
 * pickers, choice boxes, timeouts with units, key/value tables, argument lists, the {@code when}
 * condition and the error policy. Rebuilt when another action is selected; binds only.
 */
public final class ActionEditorView {

    private static final Pattern FIELD = Pattern.compile("^actions\\[\\d+]\\.([A-Za-z]+)");

    private final ActionEditorViewModel vm;
    private final FileDialogs dialogs;
    private final BooleanSupplier saveFirst;
    private final VBox content = new VBox(10);
    private final ScrollPane root = new ScrollPane(content);
    private final Map<String, Node> focusable = new HashMap<>();

    /** @param saveFirst saves the package (asking where, for a new one); false when the user cancels */
    public ActionEditorView(ActionEditorViewModel vm, FileDialogs dialogs, BooleanSupplier saveFirst) {
        this.vm = vm;
        this.dialogs = dialogs;
        this.saveFirst = saveFirst;
        content.setPadding(new Insets(12));
        root.setFitToWidth(true);
        root.setId("action-editor");
        vm.formRevisionProperty().addListener((obs, old, now) -> build());
        build();
    }

    private void build() {
        focusable.clear();
        content.getChildren().clear();
        Label heading = Forms.title("");
        heading.textProperty().bind(vm.headingProperty());
        heading.setId("editor-heading");
        content.getChildren().add(heading);
        if (!vm.hasAction()) {
            content.getChildren().add(Forms.hint("Add an action from the palette, or select one in the list."));
            return;
        }
        GridPane header = Forms.grid();
        int row = 0;
        row = Forms.row(header, row, "Id", text("id", "action-id"), vm.message("id"), "unique in the package");
        row = Forms.row(header, row, "Description", text("description", "action-description"), vm.message("description"), "");
        ChoiceBox<String> onError = new ChoiceBox<>();
        onError.setId("action-onError");
        onError.getItems().setAll(ActionEditorViewModel.ERROR_POLICIES);
        onError.valueProperty().bindBidirectional(vm.text("onError"));
        focusable.put("onError", onError);
        row = Forms.row(header, row, "On error", onError, vm.message("onError"),
                "fail: the package fails (and rolls back); continue: go on with the next action");
        TextField amount = new TextField();
        amount.setId("action-timeout");
        amount.setPrefColumnCount(6);
        amount.setPromptText("default");
        amount.textProperty().bindBidirectional(vm.timeoutAmountProperty());
        ChoiceBox<String> unit = new ChoiceBox<>();
        unit.setId("action-timeout-unit");
        unit.getItems().setAll(ActionEditorViewModel.TIMEOUT_UNITS);
        unit.valueProperty().bindBidirectional(vm.timeoutUnitProperty());
        focusable.put("timeout", amount);
        row = Forms.row(header, row, "Timeout", new HBox(6, amount, unit), vm.message("timeout"),
                "empty: the gateway's default action timeout");
        HBox when = new HBox(6);
        for (String part : ActionEditorViewModel.WHEN_PARTS) {
            TextField values = text("when." + part, "when-" + part);
            values.setPromptText(part + " (any)");
            HBox.setHgrow(values, Priority.ALWAYS);
            when.getChildren().add(values);
        }
        focusable.put("when", when.getChildren().get(0));
        Forms.row(header, row, "Only when", when, vm.message("when"),
                "comma-separated values; the action runs only on gateways that match every part given");
        content.getChildren().addAll(header, Forms.title("Parameters"));

        if (vm.fields().isEmpty()) {
            content.getChildren().add(Forms.hint("This action type has no parameters."));
            return;
        }
        GridPane params = Forms.grid();
        row = 0;
        for (FieldSpec field : vm.fields()) {
            Node editor = editorFor(field);
            row = Forms.row(params, row, field.label(), editor, vm.message(field.name()), field.hint());
        }
        content.getChildren().add(params);
    }

    private Node editorFor(FieldSpec field) {
        String name = field.name();
        String id = "field-" + name;
        Node node = switch (field.kind()) {
            case PAYLOAD, OPTIONAL_PAYLOAD -> payloadPicker(field, id);
            case CHOICE, OPTIONAL_CHOICE -> {
                ChoiceBox<String> choice = new ChoiceBox<>();
                choice.setId(id);
                if (field.kind() == org.suptools.workbench.document.FieldKind.OPTIONAL_CHOICE) {
                    choice.getItems().add("");
                    choice.setConverter(new StringConverter<>() {
                        @Override
                        public String toString(String value) {
                            return value == null || value.isEmpty() ? "(from the file name)" : value;
                        }

                        @Override
                        public String fromString(String text) {
                            return text;
                        }
                    });
                }
                choice.getItems().addAll(field.choices());
                choice.valueProperty().bindBidirectional(vm.text(name));
                yield choice;
            }
            case BOOLEAN -> {
                CheckBox check = new CheckBox(field.label());
                check.setId(id);
                check.selectedProperty().bindBidirectional(vm.flag(name));
                yield check;
            }
            case LIST -> {
                TextArea area = new TextArea();
                area.setId(id);
                area.setPrefRowCount(3);
                area.setPromptText("one per line");
                area.textProperty().bindBidirectional(vm.text(name));
                yield area;
            }
            case KEY_VALUES -> keyValueTable(name, id);
            default -> text(name, id);
        };
        focusable.put(name, node);
        return node;
    }

    private TextField text(String key, String id) {
        TextField text = new TextField();
        text.setId(id);
        text.textProperty().bindBidirectional(vm.text(key));
        focusable.put(key, text);
        return text;
    }

    private Node payloadPicker(FieldSpec field, String id) {
        ComboBox<String> picker = new ComboBox<>(vm.payloadChoices());
        picker.setId(id);
        picker.setMaxWidth(Double.MAX_VALUE);
        picker.setPromptText(vm.payloadChoices().isEmpty() ? "no payload files yet: add one" : "choose a payload file");
        picker.valueProperty().bindBidirectional(vm.text(field.name()));
        Button add = new Button("Add file...");
        add.setId(id + "-add");
        add.setOnAction(e -> {
            // Payload files live beside sup.yaml: a package never saved is saved first, before a file is chosen.
            if (!vm.hasPayloadDirectory() && !saveFirst.getAsBoolean()) {
                return;
            }
            dialogs.choosePayloadFile().ifPresent(file -> {
                if (!vm.addPayloadFile(field.name(), file)) {
                    dialogs.showError(vm.lastError());
                }
            });
        });
        Button clear = new Button("Clear");
        clear.setVisible(field.kind() == org.suptools.workbench.document.FieldKind.OPTIONAL_PAYLOAD);
        clear.managedProperty().bind(clear.visibleProperty());
        clear.setOnAction(e -> vm.text(field.name()).set(""));
        HBox box = new HBox(6, picker, add, clear);
        HBox.setHgrow(picker, Priority.ALWAYS);
        // In a narrow editor the picker gives way; the buttons keep their labels whole, never "Ad...".
        add.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        clear.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        focusable.put(field.name(), picker);
        return box;
    }

    private Node keyValueTable(String field, String id) {
        TableView<KeyValue> table = new TableView<>(vm.keyValues(field));
        table.setId(id);
        table.setEditable(true);
        table.setPrefHeight(130);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getSelectionModel().setCellSelectionEnabled(true);
        table.setPlaceholder(Forms.hint("None. Add adds a row to type into."));
        TableColumn<KeyValue, String> key = new TableColumn<>("Key");
        key.setId(id + "-key");
        key.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().key()));
        key.setCellFactory(c -> new CommittingTextCell<>());
        key.setOnEditCommit(e -> vm.setKeyValue(field, e.getTablePosition().getRow(),
                new KeyValue(e.getNewValue(), e.getRowValue().value())));
        TableColumn<KeyValue, String> value = new TableColumn<>("Value");
        value.setId(id + "-value");
        value.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().value()));
        value.setCellFactory(c -> new CommittingTextCell<>());
        value.setOnEditCommit(e -> vm.setKeyValue(field, e.getTablePosition().getRow(),
                new KeyValue(e.getRowValue().key(), e.getNewValue())));
        table.getColumns().setAll(java.util.List.of(key, value));
        key.setPrefWidth(200);
        Button add = new Button("Add");
        add.setId(id + "-add");
        add.setOnAction(e -> {
            vm.addKeyValue(field);
            Tables.editSoon(table, table.getItems().size() - 1, key);
        });
        Button remove = new Button("Remove");
        remove.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> vm.removeKeyValue(field, table.getSelectionModel().getSelectedIndex()));
        return new VBox(4, table, new HBox(6, add, remove));
    }

    /** Focuses the field of a location such as {@code actions[2].source}. */
    public boolean focus(String location) {
        Matcher m = FIELD.matcher(location);
        Node node = m.find() ? focusable.get(m.group(1)) : focusable.get("id");
        if (node != null) {
            node.requestFocus();
            root.setVvalue(Math.min(1, Math.max(0, node.localToScene(0, 0).getY() / Math.max(1, content.getHeight()))));
            return true;
        }
        return false;
    }

    public Node root() {
        return root;
    }
}
