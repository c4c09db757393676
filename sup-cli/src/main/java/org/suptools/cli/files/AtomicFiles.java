package org.suptools.cli.files;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes that leave either the old file or the complete new one, never a partial file: the
 * content goes to a temporary file beside the target, which is then renamed over it.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    public static void write(Path target, byte[] content) throws IOException {
        Path temp = tempBeside(target);
        try {
            Files.write(temp, content);
            replace(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** A new empty file in the target's directory, for content that is moved over the target later. */
    public static Path tempBeside(Path target) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        return Files.createTempFile(parent, "." + target.getFileName(), ".part");
    }

    /** Moves {@code temp} over {@code target} in one step where the file system can. */
    public static void replace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
