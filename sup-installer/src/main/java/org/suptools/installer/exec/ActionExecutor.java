package org.suptools.installer.exec;

import java.io.IOException;

/**
 * Carries out one action. {@link #apply} journals every change through
 * {@link ActionContext#record} before making it, and makes each change crash-safe (temp file
 * beside the destination, forced, renamed into place; a backup before anything is overwritten or
 * deleted). {@link #undo} reverses the journalled changes; it must be safe whether the apply
 * finished, half happened or never started, and safe to repeat.
 */
public interface ActionExecutor {

    ActionResult apply(ActionContext context) throws ActionFailedException, IOException;

    /** Undoes what {@link #apply} journalled; the default reverses the journalled steps, newest first. */
    default void undo(UndoContext context) throws UndoFailedException {
        context.reverseSteps();
    }
}
