package org.suptools.model.files;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.UUID;

/**
 * Writes that leave either the old file or the complete new one, never a partial file: the new
 * content goes to a hidden temporary file beside the target, which is renamed over it in one step
 * where the file system can. A replaced file keeps its permissions; a new one gets the usual
 * permissions of a new file (the process's umask), not the owner-only ones of a temporary file.
 * On any failure the temporary file is deleted and the target is left as it was.
 *
 * <p>For the author's and CI's files (specs, packages). The gateway installer needs more (the
 * rename must be atomic and forced to the disk) and has its own {@code Durable}.
 */
public final class AtomicFiles {

    /** Fills a temporary file, which does not exist yet when it is called. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path temp) throws IOException;
    }

    private AtomicFiles() {
    }

    public static void write(Path target, byte[] content) throws IOException {
        replace(target, temp -> Files.write(temp, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
    }

    /** Replaces (or creates) {@code target} with what {@code content} writes to a temporary file beside it. */
    public static void replace(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path temp = absolute.resolveSibling("." + absolute.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            content.writeTo(temp);
            keepPermissions(absolute, temp);
            move(temp, absolute);
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static void keepPermissions(Path target, Path temp) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        if (view != null && Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            Files.setPosixFilePermissions(temp, view.readAttributes().permissions());
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
