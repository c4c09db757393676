package org.suptools.workbench.service;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The payload files on disk: listing, hashing and adding. */
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
}
