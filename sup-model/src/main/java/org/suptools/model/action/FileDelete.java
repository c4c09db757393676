package org.suptools.model.action;

import java.util.List;

/**
 * Deletes a gateway file, or a whole tree when {@code recursive}. A missing path fails the action
 * unless {@code missingOk}. Undo: restore from the backup taken before deleting.
 */
public record FileDelete(ActionHeader header, String path, boolean recursive, boolean missingOk) implements Action {

    public FileDelete {
        java.util.Objects.requireNonNull(header, "header");
        Fields.text(path, "path");
    }

    @Override
    public FileDelete withHeader(ActionHeader newHeader) {
        return new FileDelete(newHeader, path, recursive, missingOk);
    }

    @Override
    public List<FieldValue> gatewayPaths() {
        return List.of(new FieldValue("path", path));
    }

    @Override
    public String summary() {
        return "delete " + path + (recursive ? " (recursive)" : "") + (missingOk ? " if present" : "");
    }
}
