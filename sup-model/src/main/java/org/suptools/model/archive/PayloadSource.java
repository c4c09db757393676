package org.suptools.model.archive;

import java.nio.file.Path;
import java.util.Objects;
import org.suptools.model.manifest.PayloadFile;

/**
 * One payload file to write into an archive.
 *
 * @param path the entry name, {@code payload/} followed by a safe relative path
 * @param file the file on disk whose bytes become the entry
 */
public record PayloadSource(String path, Path file) {

    public PayloadSource {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(file, "file");
        if (!path.startsWith(PayloadFile.PREFIX) || path.length() == PayloadFile.PREFIX.length()) {
            throw new IllegalArgumentException("path: '" + path + "' must name a file under " + PayloadFile.PREFIX);
        }
        EntryNames.problem(path).ifPresent(problem -> {
            throw new IllegalArgumentException("path: '" + path + "' " + problem);
        });
    }
}
