package org.suptools.model.action;

import java.util.Optional;

/** Copies a payload file to a gateway path, with an optional mode. Undo: restore the backup, or delete if new. */
public record FileCopy(ActionHeader header, String source, String destination, Optional<String> mode)
        implements PayloadPlacement {

    public FileCopy {
        java.util.Objects.requireNonNull(header, "header");
        Fields.text(source, "source");
        Fields.text(destination, "destination");
        mode = Fields.mode(mode);
    }

    @Override
    public FileCopy withHeader(ActionHeader newHeader) {
        return new FileCopy(newHeader, source, destination, mode);
    }

    @Override
    public String summary() {
        return source + " -> " + destination + mode.map(m -> " (mode " + m + ")").orElse("");
    }
}
