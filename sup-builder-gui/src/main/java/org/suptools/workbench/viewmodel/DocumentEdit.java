package org.suptools.workbench.viewmodel;

import java.util.Objects;
import java.util.Optional;
import org.suptools.workbench.document.PackageDocument;
import org.suptools.workbench.history.UndoableEdit;

/**
 * An edit of the document as two snapshots, with the action selected before and after, so undo
 * puts both the package and the selection back. Edits with the same merge key in a row (typing
 * into one field) fold into one step.
 */
final class DocumentEdit implements UndoableEdit {

    private final DocumentModel model;
    private final String label;
    private final String mergeKey;
    private final PackageDocument before;
    private final PackageDocument after;
    private final int selectedBefore;
    private final int selectedAfter;

    DocumentEdit(DocumentModel model, String label, String mergeKey, PackageDocument before, PackageDocument after,
            int selectedBefore, int selectedAfter) {
        this.model = model;
        this.label = label;
        this.mergeKey = mergeKey;
        this.before = before;
        this.after = after;
        this.selectedBefore = selectedBefore;
        this.selectedAfter = selectedAfter;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public void redo() {
        model.show(after, selectedAfter);
    }

    @Override
    public void undo() {
        model.show(before, selectedBefore);
    }

    @Override
    public Optional<UndoableEdit> absorb(UndoableEdit next) {
        if (mergeKey != null && next instanceof DocumentEdit edit && Objects.equals(mergeKey, edit.mergeKey)
                && edit.before.equals(after)) {
            return Optional.of(new DocumentEdit(model, label, mergeKey, before, edit.after, selectedBefore,
                    edit.selectedAfter));
        }
        return Optional.empty();
    }
}
