package org.suptools.workbench.service;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The payload files on disk: listing, hashing, adding, removing and renaming. */
public interface PayloadStore {

    /** Every regular file under the directory, sorted by name; none when it does not exist. */
    List<PayloadEntry> list(Path payloadDir) throws IOException;

    /** The SHA-256 of a file, lowercase hex, streamed. */
    String sha256(Path file) throws IOException;

    /**
     * Copies a file into the payload directory under its own file name and returns that name.
     * Refuses to overwrite a different file of the same name.
     */
    String copyIn(Path source, Path payloadDir) throws IOException;

    /** Deletes one payload file, by its name in the payload directory. */
    void delete(Path payloadDir, String name) throws IOException;

    /**
     * Renames a payload file within the payload directory ({@code a/b.txt} names a file in a
     * sub-directory). Refuses a name that leaves the directory or is taken.
     */
    void rename(Path payloadDir, String from, String to) throws IOException;
}
