package org.suptools.model.action;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;
import org.suptools.model.action.Names;

/** The archive formats that {@code archive.extract} and {@code firmware.update} unpack. */
public enum ArchiveFormat {
    ZIP("zip"),
    TAR("tar"),
    TAR_GZ("tar.gz");

    private final String text;

    ArchiveFormat(String text) {
        this.text = text;
    }

    @JsonValue
    public String text() {
        return text;
    }

    @JsonCreator
    public static ArchiveFormat fromText(String text) {
        return Names.lookup(values(), ArchiveFormat::text, text, "archive format");
    }

    /** The format a file name implies ({@code .zip}, {@code .tar}, {@code .tar.gz} or {@code .tgz}). */
    public static Optional<ArchiveFormat> fromFileName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".zip")) {
            return Optional.of(ZIP);
        }
        if (lower.endsWith(".tar.gz") || lower.endsWith(".tgz")) {
            return Optional.of(TAR_GZ);
        }
        if (lower.endsWith(".tar")) {
            return Optional.of(TAR);
        }
        return Optional.empty();
    }
}
