package org.suptools.model.archive;

import java.nio.file.Path;
import java.util.Objects;
import org.suptools.model.manifest.PayloadFile;

/**
 * One payload file to write into an archive.
 *
 * @param path    the entry name, {@code payload/} followed by a safe relative path
 * @param file    the file on disk whose bytes become the entry
 * @param indexed whether the archive also gets a {@link ChunkIndex} of it, listed in the manifest
 *                after every payload (see {@link SupWriter})
 */
public record PayloadSource(String path, Path file, boolean indexed) {

    public PayloadSource {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(file, "file");
        if (!path.startsWith(PayloadFile.PREFIX) || path.length() == PayloadFile.PREFIX.length()
                || ChunkIndex.isIndex(path)) {
            throw new IllegalArgumentException("path: '" + path + "' must name a file under " + PayloadFile.PREFIX
                    + " outside " + ChunkIndex.DIRECTORY);
        }
        EntryNames.problem(path).ifPresent(problem -> {
            throw new IllegalArgumentException("path: '" + path + "' " + problem);
        });
    }

    /** A payload without a chunk index. */
    public PayloadSource(String path, Path file) {
        this(path, file, false);
    }
}
