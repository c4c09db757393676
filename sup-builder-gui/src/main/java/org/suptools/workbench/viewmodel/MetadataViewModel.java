package org.suptools.workbench.viewmodel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.suptools.workbench.document.PackageDocument;
import org.suptools.workbench.document.RequirementDraft;
import org.suptools.workbench.document.TargetDraft;

/**
 * The package screen: name, version (checked as SemVer as it is typed), description, vendor,
 * expiry, failure policy, downgrade permission, the targets and the requirements.
 */
public final class MetadataViewModel {

    public static final List<String> TEXT_FIELDS = List.of("name", "version", "description", "vendor", "expires");
    public static final List<String> FAILURE_POLICIES = List.of("rollback", "stop");

    private final List<Synced<?, ?>> synced = new ArrayList<>();
    private final Map<String, StringProperty> texts = new HashMap<>();
    private final StringProperty failurePolicy = new SimpleStringProperty(this, "failurePolicy");
    private final BooleanProperty allowDowngrade = new SimpleBooleanProperty(this, "allowDowngrade");
    private final TableEditor<TargetDraft> targets;
    private final TableEditor<RequirementDraft> requires;
    private final Messages messages = new Messages(key -> key);

    public MetadataViewModel(DocumentModel model) {
        for (String field : TEXT_FIELDS) {
            StringProperty property = new SimpleStringProperty(this, field, "");
            texts.put(field, property);
            synced.add(new Synced<>(property, () -> model.document().metadata().text(field), MetadataViewModel::orEmpty,
                    v -> v, value -> model.edit("Edit " + field, "metadata." + field,
                            d -> d.withMetadata(d.metadata().withText(field, value)))));
        }
        synced.add(Synced.direct(failurePolicy, () -> model.document().metadata().effectiveFailurePolicy(),
                value -> model.edit("Set failure policy", null,
                        d -> d.withMetadata(d.metadata().withText("failurePolicy", value)))));
        synced.add(Synced.direct(allowDowngrade, () -> model.document().metadata().allowDowngrade(),
                value -> model.edit(value ? "Allow downgrade" : "Refuse downgrade", null,
                        d -> d.withMetadata(d.metadata().withAllowDowngrade(value)))));
        targets = new TableEditor<>(model, "targets", "target", PackageDocument::targets, PackageDocument::withTargets,
                TargetDraft::any);
        requires = new TableEditor<>(model, "requires", "requirement", PackageDocument::requires,
                PackageDocument::withRequires, RequirementDraft::blank);
        model.documentProperty().addListener((obs, old, now) -> refresh());
        model.assemblyProperty().addListener((obs, old, now) -> messages.update(now));
        messages.update(model.assembly());
        refresh();
    }

    private void refresh() {
        synced.forEach(Synced::refresh);
        targets.refresh();
        requires.refresh();
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

    /** The inline message of a field by its location: {@code version}, {@code targets[1].os}, {@code requires}. */
    public ReadOnlyStringProperty message(String location) {
        return messages.of(location);
    }

    /** The gateways the package is for: product, OS, architecture and runtime-version range. */
    public TableEditor<TargetDraft> targets() {
        return targets;
    }

    /** The packages that must already be installed: name and version range. */
    public TableEditor<RequirementDraft> requires() {
        return requires;
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
