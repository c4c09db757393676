package org.suptools.model.action;

import java.util.List;
import java.util.Optional;

/**
 * Unpacks a zip or tar(.gz) payload into a gateway directory, refusing entries that would land
 * outside it. The format comes from the payload's name unless given. Undo: restore what it
 * overwrote and remove what it added.
 */
public record ArchiveExtract(ActionHeader header, String source, String destination, Optional<ArchiveFormat> format)
        implements Action {

    public ArchiveExtract {
        java.util.Objects.requireNonNull(header, "header");
        Fields.text(source, "source");
        Fields.text(destination, "destination");
        format = Fields.optional(format);
    }

    /** The format given, or the one the payload's file name implies. */
    public Optional<ArchiveFormat> effectiveFormat() {
        return format.or(() -> ArchiveFormat.fromFileName(source));
    }

    @Override
    public ArchiveExtract withHeader(ActionHeader newHeader) {
        return new ArchiveExtract(newHeader, source, destination, format);
    }

    @Override
    public List<FieldValue> payloadReferences() {
        return List.of(new FieldValue("source", source));
    }

    @Override
    public List<FieldValue> gatewayPaths() {
        return List.of(new FieldValue("destination", destination));
    }

    @Override
    public String summary() {
        return "extract " + source + " into " + destination;
    }
}
