package org.suptools.workbench.viewmodel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.suptools.workbench.document.Assembly;
import org.suptools.workbench.document.PackageDocument;
import org.suptools.workbench.document.SpecAssembler;
import org.suptools.workbench.history.EditHistory;
import org.suptools.workbench.service.PayloadEntry;
import org.suptools.workbench.service.PayloadStore;

/**
 * The package being edited, shared by every screen: the document, where it is saved, its payload
 * files, its edit history, and what the model's validator says about it, run again after every
 * change. Every change of the document goes through {@link #edit}, so every change is undoable.
 */
public final class DocumentModel {

    private final ReadOnlyObjectWrapper<PackageDocument> document = new ReadOnlyObjectWrapper<>(PackageDocument.empty());
    private final ReadOnlyObjectWrapper<Path> specFile = new ReadOnlyObjectWrapper<>();
    /** Whether the spec file exists: a new package given a directory has a file name, but nothing on disk yet. */
    private final ReadOnlyBooleanWrapper onDisk = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<Assembly> assembly = new ReadOnlyObjectWrapper<>();
    private final ObservableList<PayloadEntry> payloads = FXCollections.observableArrayList();
    private final IntegerProperty selectedAction = new SimpleIntegerProperty(-1);
    private final ObjectProperty<String> focusRequest = new SimpleObjectProperty<>();
    private final EditHistory history = new EditHistory();
    private final PayloadStore payloadStore;
    private final Clock clock;

    public DocumentModel(PayloadStore payloadStore, Clock clock) {
        this.payloadStore = payloadStore;
        this.clock = clock;
        validate();
    }

    /** Applies a change as one undoable step; {@code mergeKey} folds a run of edits of one field. */
    public void edit(String label, String mergeKey, UnaryOperator<PackageDocument> change) {
        editSelecting(label, mergeKey, change, selectedAction.get());
    }

    /** Like {@link #edit}, and selects an action afterwards (the one added, moved...). */
    public void editSelecting(String label, String mergeKey, UnaryOperator<PackageDocument> change, int selectAfter) {
        PackageDocument before = document.get();
        PackageDocument after = change.apply(before);
        if (after.equals(before) && selectAfter == selectedAction.get()) {
            return;
        }
        history.execute(new DocumentEdit(this, label, mergeKey, before, after, selectedAction.get(), selectAfter));
    }

    /** Shows a state of the document: used by the edits, on do, undo and redo. */
    void show(PackageDocument state, int selected) {
        document.set(state);
        int count = state.actions().size();
        selectedAction.set(count == 0 ? -1 : Math.min(selected, count - 1));
        validate();
    }

    /** Replaces everything: a document just opened or created. Forgets the history. */
    public void load(PackageDocument state, Path file) {
        specFile.set(file);
        onDisk.set(file != null && Files.isRegularFile(file));
        document.set(state);
        selectedAction.set(state.actions().isEmpty() ? -1 : 0);
        history.reset();
        refreshPayloads();
    }

    /** The document now lives in this file: after Save As. */
    public void savedAs(Path file) {
        boolean moved = !file.equals(specFile.get());
        specFile.set(file);
        onDisk.set(true);
        history.markSaved();
        if (moved) {
            refreshPayloads();
        }
    }

    /** Reads the payload directory again and re-validates. */
    public void refreshPayloads() {
        List<PayloadEntry> entries = List.of();
        Optional<Path> dir = payloadDir();
        if (dir.isPresent()) {
            try {
                entries = payloadStore.list(dir.get());
            } catch (IOException e) {
                entries = List.of();
            }
        }
        payloads.setAll(entries);
        validate();
    }

    /** Runs the model's checks over the current document; cheap, no file access. */
    public void validate() {
        Set<String> names = payloads.stream().map(PayloadEntry::name).collect(Collectors.toSet());
        assembly.set(new SpecAssembler(clock.instant()).assemble(document.get(), names));
    }

    /** Where payload files live: beside the spec, in its payload directory; none for an unsaved package. */
    public Optional<Path> payloadDir() {
        Path file = specFile.get();
        if (file == null) {
            return Optional.empty();
        }
        return Optional.of(file.toAbsolutePath().getParent().resolve(document.get().metadata().effectivePayloadDir()));
    }

    /** Asks the views to bring the field at this location into view and focus: {@code actions[2].source}. */
    public void requestFocus(String location) {
        focusRequest.set(null);
        focusRequest.set(location);
    }

    public PackageDocument document() {
        return document.get();
    }

    public ReadOnlyObjectProperty<PackageDocument> documentProperty() {
        return document.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Path> specFileProperty() {
        return specFile.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty onDiskProperty() {
        return onDisk.getReadOnlyProperty();
    }

    public Path specFile() {
        return specFile.get();
    }

    public ReadOnlyObjectProperty<Assembly> assemblyProperty() {
        return assembly.getReadOnlyProperty();
    }

    public Assembly assembly() {
        return assembly.get();
    }

    public ObservableList<PayloadEntry> payloads() {
        return payloads;
    }

    public IntegerProperty selectedActionProperty() {
        return selectedAction;
    }

    public ObjectProperty<String> focusRequestProperty() {
        return focusRequest;
    }

    public EditHistory history() {
        return history;
    }

    public Clock clock() {
        return clock;
    }
}
