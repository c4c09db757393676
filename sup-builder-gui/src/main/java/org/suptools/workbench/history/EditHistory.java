package org.suptools.workbench.history;

import java.util.ArrayDeque;
import java.util.Deque;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The undo and redo stacks of a document. Every change of the state the user sees goes through
 * {@link #execute}; the {@link #revisionProperty() revision} counts changes (undo and redo
 * included) and {@link #dirtyProperty() dirty} says whether the state differs from the one last
 * saved, so undoing back to the saved state clears the unsaved-changes mark.
 */
public final class EditHistory {

    private record Entry(UndoableEdit edit, long stateId) {
    }

    private final Deque<Entry> undo = new ArrayDeque<>();
    private final Deque<Entry> redo = new ArrayDeque<>();
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper(this, "revision");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty");
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(this, "canUndo");
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(this, "canRedo");
    private final ReadOnlyStringWrapper undoLabel = new ReadOnlyStringWrapper(this, "undoLabel", "");
    private final ReadOnlyStringWrapper redoLabel = new ReadOnlyStringWrapper(this, "redoLabel", "");
    private long nextStateId = 1;
    private long savedStateId;
    private boolean mergeable;

    /** Makes the change and records it; the redo stack is dropped. */
    public void execute(UndoableEdit edit) {
        edit.redo();
        Entry top = undo.peek();
        if (mergeable && top != null) {
            var merged = top.edit().absorb(edit);
            if (merged.isPresent()) {
                undo.pop();
                undo.push(new Entry(merged.get(), nextStateId++));
                redo.clear();
                changed(true);
                return;
            }
        }
        undo.push(new Entry(edit, nextStateId++));
        redo.clear();
        changed(true);
    }

    public void undo() {
        if (undo.isEmpty()) {
            return;
        }
        Entry entry = undo.pop();
        entry.edit().undo();
        redo.push(entry);
        changed(false);
    }

    public void redo() {
        if (redo.isEmpty()) {
            return;
        }
        Entry entry = redo.pop();
        entry.edit().redo();
        undo.push(entry);
        changed(false);
    }

    /** The current state is the saved one: the dirty mark goes until the next change. */
    public void markSaved() {
        savedStateId = currentStateId();
        mergeable = false;
        update();
    }

    /** Forgets every edit; the current state counts as saved (a document just opened). */
    public void reset() {
        undo.clear();
        redo.clear();
        savedStateId = 0;
        mergeable = false;
        revision.set(revision.get() + 1);
        update();
    }

    /** Ends folding of keystrokes: the next edit is a step of its own. */
    public void closeStep() {
        mergeable = false;
    }

    private long currentStateId() {
        return undo.isEmpty() ? 0 : undo.peek().stateId();
    }

    private void changed(boolean byExecute) {
        mergeable = byExecute;
        revision.set(revision.get() + 1);
        update();
    }

    private void update() {
        dirty.set(currentStateId() != savedStateId);
        canUndo.set(!undo.isEmpty());
        canRedo.set(!redo.isEmpty());
        undoLabel.set(undo.isEmpty() ? "" : undo.peek().edit().label());
        redoLabel.set(redo.isEmpty() ? "" : redo.peek().edit().label());
    }

    public ReadOnlyLongProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    public boolean isDirty() {
        return dirty.get();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty undoLabelProperty() {
        return undoLabel.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty redoLabelProperty() {
        return redoLabel.getReadOnlyProperty();
    }
}
