package org.suptools.workbench.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps the last build of an output file before a new build replaces it, so that the two can be
 * compared: a hard link when the temporary folder is on the same disk (the builder writes a new
 * file and moves it into place, so the link keeps the old bytes), else a copy. One kept file per
 * output; the older one goes when a newer one is kept. They are deleted when the Workbench ends.
 */
public final class PreviousBuilds {

    private final Map<Path, Path> kept = new HashMap<>();
    private Path folder;

    /** Keeps the file now at {@code out} and returns where; call it before the build replaces it. */
    public synchronized Path keep(Path out) throws IOException {
        Path key = out.toAbsolutePath().normalize();
        if (folder == null) {
            folder = Files.createTempDirectory("sup-workbench-previous-builds");
            folder.toFile().deleteOnExit();
        }
        Path old = kept.remove(key);
        if (old != null) {
            Files.deleteIfExists(old);
            Files.deleteIfExists(old.getParent());
        }
        Path dir = Files.createTempDirectory(folder, "build-");
        dir.toFile().deleteOnExit();
        Path copy = dir.resolve("previous-" + key.getFileName());
        try {
            Files.createLink(copy, key);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(key, copy);
        }
        copy.toFile().deleteOnExit();
        kept.put(key, copy);
        return copy;
    }
}
