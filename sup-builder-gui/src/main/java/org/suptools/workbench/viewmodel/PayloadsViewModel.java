package org.suptools.workbench.viewmodel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.suptools.workbench.document.ActionDraft;
import org.suptools.workbench.document.ActionFields;
import org.suptools.workbench.document.FieldSpec;
import org.suptools.workbench.service.BackgroundRunner;
import org.suptools.workbench.service.PayloadEntry;
import org.suptools.workbench.service.PayloadStore;

/**
 * The payload files of the package: size, SHA-256 (computed in the background), the actions that
 * use each, and the unused ones flagged.
 */
public final class PayloadsViewModel {

    private final DocumentModel model;
    private final PayloadStore store;
    private final BackgroundRunner runner;
    private final ObservableList<PayloadRow> rows = FXCollections.observableArrayList();
    private final Map<Path, String> hashes = new HashMap<>();
    private final ReadOnlyBooleanWrapper hashing = new ReadOnlyBooleanWrapper(this, "hashing");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper directory = new ReadOnlyStringWrapper(this, "directory", "");
    private BackgroundRunner.Job job;

    public PayloadsViewModel(DocumentModel model, PayloadStore store, BackgroundRunner runner) {
        this.model = model;
        this.store = store;
        this.runner = runner;
        model.payloads().addListener((ListChangeListener<PayloadEntry>) c -> {
            rebuildRows();
            hashMissing();
        });
        model.documentProperty().addListener((obs, old, now) -> rebuildRows());
        rebuildRows();
        hashMissing();
    }

    private void rebuildRows() {
        Map<String, List<String>> users = new LinkedHashMap<>();
        for (ActionDraft action : model.document().actions()) {
            for (FieldSpec field : ActionFields.of(action.type())) {
                if (field.isPayload() && !action.text(field.name()).isEmpty()) {
                    users.computeIfAbsent(action.text(field.name()), k -> new ArrayList<>()).add(action.id());
                }
            }
        }
        List<PayloadRow> list = new ArrayList<>();
        long unused = 0;
        for (PayloadEntry entry : model.payloads()) {
            List<String> ids = users.getOrDefault(entry.name(), List.of());
            unused += ids.isEmpty() ? 1 : 0;
            list.add(new PayloadRow(entry.name(), entry.size(), hashes.getOrDefault(entry.file(), ""),
                    String.join(", ", ids), ids.isEmpty()));
        }
        if (!list.equals(rows)) {
            rows.setAll(list);
        }
        directory.set(model.payloadDir().map(Path::toString).orElse("(save the package to give it a payload directory)"));
        status.set(list.size() + (list.size() == 1 ? " file" : " files") + (unused > 0 ? ", " + unused + " unused" : ""));
    }

    /** Hashes the files not hashed yet, off the UI thread. */
    private void hashMissing() {
        List<PayloadEntry> missing = model.payloads().stream().filter(e -> !hashes.containsKey(e.file())).toList();
        if (missing.isEmpty()) {
            return;
        }
        if (job != null) {
            job.cancel();
        }
        hashing.set(true);
        job = runner.run(progress -> {
            Map<Path, String> done = new HashMap<>();
            for (int i = 0; i < missing.size() && !progress.isCancelled(); i++) {
                done.put(missing.get(i).file(), store.sha256(missing.get(i).file()));
                progress.fraction((i + 1.0) / missing.size());
            }
            return done;
        }, BackgroundRunner.Callbacks.of(done -> {
            hashes.putAll(done);
            hashing.set(false);
            rebuildRows();
        }, failure -> {
            hashing.set(false);
            status.set("Cannot hash the payload files: " + failure.getMessage());
        }));
    }

    /** Reads the payload directory again; files that changed are hashed again. */
    public void rescan() {
        hashes.clear();
        model.refreshPayloads();
        hashMissing();
    }

    /** Copies a file into the payload directory. */
    public boolean addFile(Path source) {
        var dir = model.payloadDir();
        if (dir.isEmpty()) {
            status.set("Save the package first: payload files live beside its sup.yaml");
            return false;
        }
        try {
            store.copyIn(source, dir.get());
            model.refreshPayloads();
            return true;
        } catch (IOException e) {
            status.set("Cannot add " + source.getFileName() + ": " + e.getMessage());
            return false;
        }
    }

    public ObservableList<PayloadRow> rows() {
        return rows;
    }

    public ReadOnlyBooleanProperty hashingProperty() {
        return hashing.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty directoryProperty() {
        return directory.getReadOnlyProperty();
    }
}
