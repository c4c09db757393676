package org.suptools.model.action;

import java.util.List;
import java.util.Optional;
import org.suptools.model.version.SemVer;

/**
 * Replaces the runtime's installed files from an archive payload: the installer unpacks it beside
 * the current tree, swaps the two atomically, keeps the previous tree, restarts the runtime and
 * requires its health check. {@code directory} is the runtime tree inside the runtime home
 * ({@code runtime} when absent); {@code runtimeVersion} is the version the new tree carries.
 * Undo: swap back.
 */
public record FirmwareUpdate(
        ActionHeader header,
        String source,
        Optional<String> directory,
        Optional<ArchiveFormat> format,
        Optional<SemVer> runtimeVersion) implements Action {

    /** The runtime tree, relative to the runtime home, when the action does not name one. */
    public static final String DEFAULT_DIRECTORY = "runtime";

    public FirmwareUpdate {
        java.util.Objects.requireNonNull(header, "header");
        Fields.text(source, "source");
        directory = Fields.optionalText(directory, "directory");
        format = Fields.optional(format);
        runtimeVersion = Fields.optional(runtimeVersion);
    }

    public String effectiveDirectory() {
        return directory.orElse(DEFAULT_DIRECTORY);
    }

    public Optional<ArchiveFormat> effectiveFormat() {
        return format.or(() -> ArchiveFormat.fromFileName(source));
    }

    @Override
    public FirmwareUpdate withHeader(ActionHeader newHeader) {
        return new FirmwareUpdate(newHeader, source, directory, format, runtimeVersion);
    }

    @Override
    public List<FieldValue> payloadReferences() {
        return List.of(new FieldValue("source", source));
    }

    @Override
    public List<FieldValue> gatewayPaths() {
        return List.of(new FieldValue("directory", effectiveDirectory()));
    }

    @Override
    public String summary() {
        return "firmware " + source + " -> " + effectiveDirectory() + runtimeVersion.map(v -> " (runtime " + v + ")").orElse("");
    }
}
