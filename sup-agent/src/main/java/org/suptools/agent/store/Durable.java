package org.suptools.agent.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.suptools.model.files.AtomicFiles;

/**
 * Writes that survive a kill or a power loss in a known state, as the installer's own: sup-model's
 * {@link AtomicFiles} at {@link AtomicFiles.Durability#FORCED} strength (content forced before the
 * rename, the directory after), plus the agent's deletions, forced the same way.
 */
public final class Durable {

    private Durable() {
    }

    /** Replaces {@code target} with {@code bytes}, creating its folder when missing. */
    public static void write(Path target, byte[] bytes) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        AtomicFiles.write(target, bytes, AtomicFiles.Durability.FORCED);
    }

    /** Renames atomically, replacing the target, and forces the directories involved. */
    public static void move(Path from, Path to) throws IOException {
        AtomicFiles.renameForced(from, to);
    }

    /** Deletes a file, if it is there, and forces its directory so that the deletion stays. */
    public static void delete(Path file) throws IOException {
        if (Files.deleteIfExists(file)) {
            AtomicFiles.forceDirectory(file.toAbsolutePath().getParent());
        }
    }

    /** Deletes a folder of plain files (a job's download), if it is there. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        }
        delete(dir);
    }
}
