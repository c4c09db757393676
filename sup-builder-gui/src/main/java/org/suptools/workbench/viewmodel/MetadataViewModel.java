package org.suptools.workbench.viewmodel;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.suptools.workbench.document.Metadata;
import org.suptools.workbench.document.TargetDraft;

/**
 * The package screen: name, version (checked as SemVer as it is typed), description, vendor,
 * expiry, failure policy, downgrade permission, and the targets.
 */
public final class MetadataViewModel {

    public static final List<String> TEXT_FIELDS = List.of("name", "version", "description", "vendor", "expires");
    public static final List<String> FAILURE_POLICIES = List.of("rollback", "stop");
    public static final List<String> TARGET_FIELDS = List.of("product", "os", "architecture", "runtimeVersion");

    private final DocumentModel model;
    private final List<Synced<?, ?>> synced = new ArrayList<>();
    private final java.util.Map<String, StringProperty> texts = new java.util.HashMap<>();
    private final StringProperty failurePolicy = new SimpleStringProperty(this, "failurePolicy");
    private final BooleanProperty allowDowngrade = new SimpleBooleanProperty(this, "allowDowngrade");
    private final ObservableList<TargetDraft> targets = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper requiresSummary = new ReadOnlyStringWrapper(this, "requires", "");
    private final Messages messages = new Messages(key -> key);

    public MetadataViewModel(DocumentModel model) {
        this.model = model;
        for (String field : TEXT_FIELDS) {
            StringProperty property = new SimpleStringProperty(this, field, "");
            texts.put(field, property);
            synced.add(new Synced<>(property, () -> model.document().metadata().text(field), MetadataViewModel::orEmpty,
                    v -> v, value -> model.edit("Edit " + field, "metadata." + field,
                            d -> d.withMetadata(d.metadata().withText(field, value)))));
        }
        synced.add(Synced.direct(failurePolicy, () -> model.document().metadata().failurePolicy(),
                value -> model.edit("Set failure policy", null,
                        d -> d.withMetadata(d.metadata().withText("failurePolicy", value)))));
        synced.add(Synced.direct(allowDowngrade, () -> model.document().metadata().allowDowngrade(),
                value -> model.edit(value ? "Allow downgrade" : "Refuse downgrade", null,
                        d -> d.withMetadata(d.metadata().withAllowDowngrade(value)))));
        model.documentProperty().addListener((obs, old, now) -> refresh());
        model.assemblyProperty().addListener((obs, old, now) -> messages.update(now));
        messages.update(model.assembly());
        refresh();
    }

    private void refresh() {
        synced.forEach(Synced::refresh);
        List<TargetDraft> now = model.document().targets();
        if (!now.equals(targets)) {
            targets.setAll(now);
        }
        Metadata m = model.document().metadata();
        requiresSummary.set(m.requires() == null || m.requires().isEmpty() ? "none" : summarise(m));
    }

    private static String summarise(Metadata m) {
        List<String> parts = new ArrayList<>();
        m.requires().forEach(r -> parts.add(r.path("name").asText() + " " + r.path("version").asText()));
        return String.join(", ", parts);
    }

    public StringProperty text(String field) {
        StringProperty property = texts.get(field);
        if (property == null) {
            throw new IllegalArgumentException("no field " + field);
        }
        return property;
    }

    public StringProperty nameProperty() {
        return text("name");
    }

    public StringProperty versionProperty() {
        return text("version");
    }

    public StringProperty failurePolicyProperty() {
        return failurePolicy;
    }

    public BooleanProperty allowDowngradeProperty() {
        return allowDowngrade;
    }

    /** The inline message of a field by its location: {@code version}, {@code targets[1].os}. */
    public ReadOnlyStringProperty message(String location) {
        return messages.of(location);
    }

    public ObservableList<TargetDraft> targets() {
        return targets;
    }

    public ReadOnlyStringProperty requiresSummaryProperty() {
        return requiresSummary.getReadOnlyProperty();
    }

    public void addTarget() {
        model.edit("Add target", null, d -> {
            List<TargetDraft> list = new ArrayList<>(d.targets());
            list.add(TargetDraft.any());
            return d.withTargets(list);
        });
    }

    public void removeTarget(int index) {
        if (index < 0 || index >= model.document().targets().size()) {
            return;
        }
        model.edit("Remove target", null, d -> {
            List<TargetDraft> list = new ArrayList<>(d.targets());
            list.remove(index);
            return d.withTargets(list);
        });
    }

    public void setTargetField(int index, String field, String value) {
        if (index < 0 || index >= model.document().targets().size()) {
            return;
        }
        model.edit("Edit target " + field, null,
                d -> d.withTarget(index, d.targets().get(index).with(field, value == null ? "" : value.trim())));
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
