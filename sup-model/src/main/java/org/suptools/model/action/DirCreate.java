package org.suptools.model.action;

import java.util.List;
import java.util.Optional;

/** Creates a directory (and missing parents). Undo: remove what it created. */
public record DirCreate(ActionHeader header, String path, Optional<String> mode) implements Action {

    public DirCreate {
        java.util.Objects.requireNonNull(header, "header");
        Fields.text(path, "path");
        mode = Fields.mode(mode);
    }

    @Override
    public DirCreate withHeader(ActionHeader newHeader) {
        return new DirCreate(newHeader, path, mode);
    }

    @Override
    public List<FieldValue> gatewayPaths() {
        return List.of(new FieldValue("path", path));
    }

    @Override
    public String summary() {
        return "mkdir " + path + mode.map(m -> " (mode " + m + ")").orElse("");
    }
}
