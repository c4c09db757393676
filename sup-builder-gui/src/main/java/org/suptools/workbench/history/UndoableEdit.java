package org.suptools.workbench.history;

import java.util.Optional;

/** One change the user made, that can be undone and done again. */
public interface UndoableEdit {

    /** What the change was, for the Undo and Redo menu items: "Edit source", "Move action". */
    String label();

    /** Makes the change (again). */
    void redo();

    /** Reverts the change. */
    void undo();

    /**
     * This edit and the next one as one, when they belong together (keystrokes typed into one
     * field), or empty when they are separate steps. Called only for an edit just executed after
     * this one.
     */
    default Optional<UndoableEdit> absorb(UndoableEdit next) {
        return Optional.empty();
    }
}
