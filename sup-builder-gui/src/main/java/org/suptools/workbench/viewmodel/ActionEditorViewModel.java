package org.suptools.workbench.viewmodel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.suptools.model.action.ActionType;
import org.suptools.workbench.document.ActionDraft;
import org.suptools.workbench.document.ActionFields;
import org.suptools.workbench.document.FieldKind;
import org.suptools.workbench.document.FieldSpec;
import org.suptools.workbench.document.KeyValue;
import org.suptools.workbench.service.PayloadEntry;
import org.suptools.workbench.service.PayloadStore;

/**
 * The typed editor of the selected action: its header (id, description, {@code when}, timeout,
 * error policy) and the parameters its type has, each as a property the view binds to, with the
 * validator's message for each. Every change is an undoable edit of the document.
 */
public final class ActionEditorViewModel {

    public static final List<String> TIMEOUT_UNITS = List.of("ms", "s", "m", "h");
    public static final List<String> ERROR_POLICIES = List.of("fail", "continue");
    public static final List<String> WHEN_PARTS = List.of("os", "product", "architecture");
    private static final Pattern TIMEOUT = Pattern.compile("(\\d+)(ms|s|m|h)?");

    private final DocumentModel model;
    private final PayloadStore payloadStore;
    private final ReadOnlyObjectWrapper<ActionType> type = new ReadOnlyObjectWrapper<>(this, "type");
    private final ReadOnlyIntegerWrapper index = new ReadOnlyIntegerWrapper(this, "index", -1);
    /** Changes whenever the form must be built anew: another action, or another type. */
    private final ReadOnlyIntegerWrapper formRevision = new ReadOnlyIntegerWrapper(this, "formRevision");
    private final ReadOnlyStringWrapper heading = new ReadOnlyStringWrapper(this, "heading", "");
    private final ObservableList<String> payloadChoices = FXCollections.observableArrayList();
    private final Map<String, StringProperty> texts = new HashMap<>();
    private final Map<String, BooleanProperty> flags = new HashMap<>();
    private final Map<String, ObservableList<KeyValue>> keyValues = new HashMap<>();
    private final List<Synced<?, ?>> synced = new ArrayList<>();
    /** The parameters the form shows now; when they change (a verify's check), the form is built anew. */
    private List<FieldSpec> shownFields = List.of();
    /** Key/value rows added but not given a key yet: they live here until they have one, never in the document. */
    private final Map<String, List<KeyValue>> pendingRows = new HashMap<>();
    private final StringProperty timeoutAmount = new SimpleStringProperty(this, "timeoutAmount", "");
    private final StringProperty timeoutUnit = new SimpleStringProperty(this, "timeoutUnit", "s");
    private final Messages messages;
    private boolean timeoutUpdating;
    private String lastError = "";

    public ActionEditorViewModel(DocumentModel model, PayloadStore payloadStore) {
        this.model = model;
        this.payloadStore = payloadStore;
        this.messages = new Messages(key -> index.get() < 0 ? null : "actions[" + index.get() + "]." + key);
        model.selectedActionProperty().addListener((obs, old, now) -> reselect());
        model.documentProperty().addListener((obs, old, now) -> reselect());
        model.assemblyProperty().addListener((obs, old, now) -> messages.update(now));
        model.payloads().addListener((javafx.collections.ListChangeListener<PayloadEntry>) c -> refreshPayloadChoices());
        timeoutAmount.addListener((obs, old, now) -> writeTimeout());
        timeoutUnit.addListener((obs, old, now) -> writeTimeout());
        refreshPayloadChoices();
        reselect();
    }

    private void reselect() {
        int selected = model.selectedActionProperty().get();
        List<ActionDraft> actions = model.document().actions();
        ActionType newType = selected >= 0 && selected < actions.size() ? actions.get(selected).type() : null;
        int newIndex = newType == null ? -1 : selected;
        List<FieldSpec> newFields = newType == null ? List.of() : ActionFields.shown(actions.get(selected));
        if (newIndex != index.get() || newType != type.get() || !newFields.equals(shownFields)) {
            index.set(newIndex);
            type.set(newType);
            rebuild();
        } else {
            refresh();
        }
        messages.update(model.assembly());
    }

    private ActionDraft draft() {
        return model.document().actions().get(index.get());
    }

    private void rebuild() {
        shownFields = type.get() == null ? List.of() : ActionFields.shown(draft());
        pendingRows.clear();
        texts.clear();
        flags.clear();
        keyValues.clear();
        synced.clear();
        if (type.get() != null) {
            bindText("id", d -> d.text("id"), (d, v) -> d.withText("id", v.trim()));
            bindText("description", d -> d.text("description"), (d, v) -> d.withText("description", v));
            bindText("onError", d -> d.text("onError").isEmpty() ? "fail" : d.text("onError"),
                    (d, v) -> d.withText("onError", "fail".equals(v) ? "" : v));
            for (String part : WHEN_PARTS) {
                bindList("when." + part, d -> d.when(part), (d, v) -> d.withWhen(part, v), ",");
            }
            for (FieldSpec field : fields()) {
                String name = field.name();
                switch (field.kind()) {
                    case BOOLEAN -> {
                        BooleanProperty flag = new SimpleBooleanProperty(this, name);
                        flags.put(name, flag);
                        synced.add(Synced.direct(flag, () -> draft().bool(name),
                                v -> editDraft("Edit " + name, null, d -> d.withBool(name, v))));
                    }
                    case LIST -> bindList(name, d -> d.list(name), (d, v) -> d.withList(name, v), "\n");
                    case NUMBER_LIST -> bindList(name, d -> d.list(name), (d, v) -> d.withNumbers(name, v), ",");
                    case KEY_VALUES -> keyValues.put(name, FXCollections.observableArrayList(draft().keyValues(name)));
                    default -> bindText(name, d -> d.text(name), (d, v) -> withoutFieldsNotShown(d.withText(name, v)));
                }
            }
        }
        refreshTimeout();
        heading.set(type.get() == null ? "No action selected"
                : "#" + (index.get() + 1) + "  " + type.get().typeName());
        formRevision.set(formRevision.get() + 1);
    }

    private void refresh() {
        synced.forEach(Synced::refresh);
        refreshKeyValues();
        refreshTimeout();
    }

    private void refreshKeyValues() {
        keyValues.forEach((name, list) -> {
            List<KeyValue> now = new ArrayList<>(draft().keyValues(name));
            now.addAll(pendingRows.getOrDefault(name, List.of()));
            if (!now.equals(list)) {
                list.setAll(now);
            }
        });
    }

    private void bindText(String key, Function<ActionDraft, String> read,
            java.util.function.BiFunction<ActionDraft, String, ActionDraft> write) {
        StringProperty property = new SimpleStringProperty(this, key, "");
        texts.put(key, property);
        synced.add(new Synced<String, String>(property, () -> read.apply(draft()), v -> v == null ? "" : v, v -> v,
                v -> editDraft("Edit " + key, key, d -> write.apply(d, v))));
    }

    /** A draft less the parameters its type no longer shows (a verify's SHA-256 once its check is command). */
    private static ActionDraft withoutFieldsNotShown(ActionDraft draft) {
        List<String> shown = ActionFields.shown(draft).stream().map(FieldSpec::name).toList();
        ActionDraft result = draft;
        for (FieldSpec field : ActionFields.of(draft.type())) {
            if (!shown.contains(field.name())) {
                result = result.with(field.name(), null);
            }
        }
        return result;
    }

    private void bindList(String key, Function<ActionDraft, List<String>> read,
            java.util.function.BiFunction<ActionDraft, List<String>, ActionDraft> write, String separator) {
        StringProperty property = new SimpleStringProperty(this, key, "");
        texts.put(key, property);
        synced.add(new Synced<String, List<String>>(property, () -> read.apply(draft()),
                text -> split(text, separator), values -> String.join(separator.equals(",") ? ", " : separator, values),
                v -> editDraft("Edit " + key, key, d -> write.apply(d, v))));
    }

    static List<String> split(String text, String separator) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split(Pattern.quote(separator)))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toList());
    }

    private void editDraft(String label, String mergeKey, UnaryOperator<ActionDraft> change) {
        int at = index.get();
        if (at < 0) {
            return;
        }
        model.edit(label, mergeKey == null ? null : "action" + at + "." + mergeKey,
                d -> d.withAction(at, change.apply(d.actions().get(at))));
    }

    private void refreshTimeout() {
        String text = type.get() == null ? "" : draft().text("timeout");
        Matcher m = TIMEOUT.matcher(text.trim());
        String amount;
        String unit;
        if (text.isBlank()) {
            amount = "";
            unit = timeoutUnit.get();
        } else if (m.matches()) {
            amount = m.group(1);
            unit = m.group(2) == null ? "s" : m.group(2);
        } else {
            amount = text;
            unit = timeoutUnit.get();
        }
        if (timeoutText(timeoutAmount.get(), timeoutUnit.get()).equals(text)) {
            return;
        }
        timeoutUpdating = true;
        try {
            timeoutAmount.set(amount);
            timeoutUnit.set(unit);
        } finally {
            timeoutUpdating = false;
        }
    }

    private void writeTimeout() {
        if (timeoutUpdating || type.get() == null) {
            return;
        }
        String text = timeoutText(timeoutAmount.get(), timeoutUnit.get());
        editDraft("Edit timeout", "timeout", d -> d.withText("timeout", text));
    }

    private static String timeoutText(String amount, String unit) {
        String a = amount == null ? "" : amount.trim();
        return a.isEmpty() ? "" : a + (unit == null ? "s" : unit);
    }

    private void refreshPayloadChoices() {
        payloadChoices.setAll(model.payloads().stream().map(PayloadEntry::name).toList());
    }

    /** The parameters of the selected action's type, in order. */
    public List<FieldSpec> fields() {
        return shownFields;
    }

    /** The text of a header field ({@code id}, {@code description}, {@code onError}, {@code when.os}...) or a parameter. */
    public StringProperty text(String key) {
        StringProperty property = texts.get(key);
        if (property == null) {
            throw new IllegalArgumentException("the selected action has no text field " + key);
        }
        return property;
    }

    public BooleanProperty flag(String field) {
        BooleanProperty property = flags.get(field);
        if (property == null) {
            throw new IllegalArgumentException("the selected action has no flag " + field);
        }
        return property;
    }

    public ObservableList<KeyValue> keyValues(String field) {
        ObservableList<KeyValue> list = keyValues.get(field);
        if (list == null) {
            throw new IllegalArgumentException("the selected action has no mapping " + field);
        }
        return list;
    }

    /** Sets one row of a mapping; a row whose key is cleared goes. */
    public void setKeyValue(String field, int row, KeyValue entry) {
        List<KeyValue> list = new ArrayList<>(keyValues(field));
        if (row < 0 || row >= list.size()) {
            return;
        }
        list.set(row, entry);
        pendingRows.put(field, withoutKey(list));
        editDraft("Edit " + field, null, d -> d.withKeyValues(field, list));
        refreshKeyValues();
    }

    /**
     * Adds an empty row, to be typed into. It is not part of the package until it has a key, so an
     * abandoned row leaves no {@code key: value} behind.
     */
    public void addKeyValue(String field) {
        List<KeyValue> list = new ArrayList<>(keyValues(field));
        list.add(KeyValue.blank());
        pendingRows.put(field, withoutKey(list));
        keyValues(field).add(KeyValue.blank());
    }

    private static List<KeyValue> withoutKey(List<KeyValue> rows) {
        return rows.stream().filter(kv -> kv.key().isBlank()).toList();
    }

    public void removeKeyValue(String field, int row) {
        List<KeyValue> list = new ArrayList<>(keyValues(field));
        if (row < 0 || row >= list.size()) {
            return;
        }
        KeyValue removed = list.remove(row);
        if (removed.key().isBlank()) {
            pendingRows.put(field, withoutKey(list));
            keyValues(field).remove(row);
            return;
        }
        editDraft("Remove from " + field, null, d -> d.withKeyValues(field, list));
    }

    /**
     * Copies a file into the package's payload directory and makes it the value of a payload field.
     * The copy itself is a file on disk, not an edit: undo takes the field back, the file stays.
     *
     * @return false, with {@link #lastError()} set, when the package has no directory yet or the copy failed
     */
    public boolean addPayloadFile(String field, Path source) {
        var dir = model.payloadDir();
        if (dir.isEmpty()) {
            lastError = "Save the package first: payload files live beside its sup.yaml";
            return false;
        }
        try {
            String name = payloadStore.copyIn(source, dir.get());
            model.refreshPayloads();
            text(field).set(name);
            lastError = "";
            return true;
        } catch (IOException e) {
            lastError = "Cannot add " + source.getFileName() + ": " + e.getMessage();
            return false;
        }
    }

    /** Whether payload files can be added now: a package never saved has no directory for them yet. */
    public boolean hasPayloadDirectory() {
        return model.payloadDir().isPresent();
    }

    public String lastError() {
        return lastError;
    }

    /** The validator's message for a field of the selected action ({@code source}, {@code when}, {@code timeout}...). */
    public ReadOnlyStringProperty message(String key) {
        return messages.of(key);
    }

    public StringProperty timeoutAmountProperty() {
        return timeoutAmount;
    }

    public StringProperty timeoutUnitProperty() {
        return timeoutUnit;
    }

    public ObservableList<String> payloadChoices() {
        return payloadChoices;
    }

    public ReadOnlyObjectProperty<ActionType> typeProperty() {
        return type.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty indexProperty() {
        return index.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty formRevisionProperty() {
        return formRevision.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty headingProperty() {
        return heading.getReadOnlyProperty();
    }

    public boolean hasAction() {
        return type.get() != null;
    }

    static boolean isTextKind(FieldKind kind) {
        return kind != FieldKind.BOOLEAN && kind != FieldKind.KEY_VALUES;
    }
}
