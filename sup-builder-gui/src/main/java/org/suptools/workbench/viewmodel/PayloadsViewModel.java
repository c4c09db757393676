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
 * use each, and the unused ones flagged; adding, removing and renaming them. Removing and renaming
 * are file operations, not edits: a rename's new references in the actions are one undoable edit,
 * but undo does not move the file back (the validator then names the missing file).
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
    /** What the last drop added and refused; it stays after the count while the files are hashed. */
    private String dropNote = "";

    public PayloadsViewModel(DocumentModel model, PayloadStore store, BackgroundRunner runner) {
        this.model = model;
        this.store = store;
        this.runner = runner;
        model.payloads().addListener((ListChangeListener<PayloadEntry>) c -> {
            rebuildRows();
            hashMissing();
        });
        model.documentProperty().addListener((obs, old, now) -> rebuildRows());
        model.specFileProperty().addListener((obs, old, now) -> dropNote = "");
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
        directory.set(model.payloadDir().map(ShownPath::of).orElse("(save the package to give it a payload directory)"));
        status.set(list.size() + (list.size() == 1 ? " file" : " files") + (unused > 0 ? ", " + unused + " unused" : "")
                + (dropNote.isEmpty() ? "" : ". " + dropNote));
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

    /** Whether payload files can be added now: a package never saved has no directory for them yet. */
    public boolean hasPayloadDirectory() {
        return model.payloadDir().isPresent();
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

    /**
     * Copies several files into the payload directory, as dropped from the desktop: each like
     * {@link #addFile}. A folder is refused (its files are to be dropped themselves, so that what
     * goes into the package is what the user picked), and so is a different file of a name already
     * taken; the others are added all the same, and the status names every file refused and why.
     */
    public AddedFiles addFiles(List<Path> sources) {
        var dir = model.payloadDir();
        if (dir.isEmpty()) {
            status.set("Save the package first: payload files live beside its sup.yaml");
            return new AddedFiles(List.of(), sources.stream().map(s -> name(s) + ": the package is not saved").toList());
        }
        List<String> added = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (Path source : sources) {
            if (java.nio.file.Files.isDirectory(source)) {
                refused.add(name(source) + ": a folder is not added; drop the files in it");
            } else if (!java.nio.file.Files.isRegularFile(source)) {
                refused.add(name(source) + ": " + org.suptools.model.problem.FileReasons.whatItIs(source)
                        + ", not a file");
            } else {
                try {
                    added.add(store.copyIn(source, dir.get()));
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    refused.add(name(source) + ": a different payload file of this name exists; rename one of them");
                } catch (IOException e) {
                    refused.add(name(source) + ": " + org.suptools.model.problem.FileReasons.whyUnreadable(source, e));
                }
            }
        }
        String addedText = added.isEmpty() ? "Nothing added" : "Added " + String.join(", ", added);
        dropNote = refused.isEmpty() ? addedText : addedText + "; not added: " + String.join("; ", refused);
        model.refreshPayloads();
        rebuildRows();
        return new AddedFiles(added, refused);
    }

    private static String name(Path file) {
        return file.getFileName() == null ? file.toString() : file.getFileName().toString();
    }

    /** What a drop did: the payload names added, and each file refused with its reason. */
    public record AddedFiles(List<String> added, List<String> refused) {

        public AddedFiles {
            added = List.copyOf(added);
            refused = List.copyOf(refused);
        }
    }

    /**
     * Deletes a payload file. Actions that still name it are left as they are, so that the
     * Problems panel names each one.
     */
    public boolean remove(String name) {
        var dir = model.payloadDir();
        if (dir.isEmpty()) {
            return false;
        }
        List<String> users = usersOf(name);
        try {
            store.delete(dir.get(), name);
        } catch (IOException | IllegalArgumentException e) {
            status.set("Cannot remove " + name + ": " + e.getMessage());
            return false;
        }
        model.refreshPayloads();
        if (!users.isEmpty()) {
            status.set("Removed " + name + "; still named by " + String.join(", ", users) + " (see Problems)");
        }
        return true;
    }

    /** Renames a payload file and every reference to it in the actions (one undoable edit). */
    public boolean rename(String from, String to) {
        var dir = model.payloadDir();
        String name = to == null ? "" : to.trim();
        if (dir.isEmpty() || name.equals(from)) {
            return false;
        }
        try {
            store.rename(dir.get(), from, name);
        } catch (IOException | IllegalArgumentException e) {
            status.set("Cannot rename " + from + " to " + name + ": " + e.getMessage());
            return false;
        }
        model.edit("Rename payload " + from, null, d -> {
            List<ActionDraft> actions = new ArrayList<>();
            for (ActionDraft action : d.actions()) {
                ActionDraft renamed = action;
                for (FieldSpec field : ActionFields.of(action.type())) {
                    if (field.isPayload() && action.text(field.name()).equals(from)) {
                        renamed = renamed.withText(field.name(), name);
                    }
                }
                actions.add(renamed);
            }
            return d.withActions(actions);
        });
        model.refreshPayloads();
        return true;
    }

    private List<String> usersOf(String name) {
        List<String> ids = new ArrayList<>();
        for (ActionDraft action : model.document().actions()) {
            for (FieldSpec field : ActionFields.of(action.type())) {
                if (field.isPayload() && action.text(field.name()).equals(name)) {
                    ids.add(action.id());
                }
            }
        }
        return ids;
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
