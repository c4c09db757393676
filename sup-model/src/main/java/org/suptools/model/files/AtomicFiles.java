package org.suptools.model.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.UUID;

/**
 * Writes that leave either the old file or the complete new one, never a partial file: the new
 * content goes to a hidden temporary file beside the target, which is renamed over it in one step.
 * A replaced file keeps its permissions; a new one gets the usual permissions of a new file (the
 * process's umask), not the owner-only ones of a temporary file. On any failure the temporary
 * file is deleted and the target is left as it was.
 *
 * <p>The one place the toolchain writes a file this way, at two {@linkplain Durability
 * strengths}: {@link Durability#PORTABLE} for the author's and CI's files (specs, packages), and
 * {@link Durability#FORCED} for the gateway installer's state and reports, which must survive a
 * power loss in a known state; and, for extraction, {@link #create}, which never replaces a file.
 */
public final class AtomicFiles {

    /** How far a replacement goes to reach the disk. */
    public enum Durability {
        /**
         * Renamed atomically where the file system can, else moved (a network or FUSE file system
         * without atomic rename); nothing forced. A crash may lose the new file, never half of it
         * while the rename is atomic.
         */
        PORTABLE,
        /**
         * The content forced to the disk before the rename, the rename atomic or not at all, and
         * the directory forced after it: after a crash or power loss the file is the old one or
         * the complete new one, and once the call returns it is the new one.
         */
        FORCED
    }

    /** Fills a temporary file, which does not exist yet when it is called. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path temp) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Replaces (or creates) {@code target} with {@code content}, {@link Durability#PORTABLE}. */
    public static void write(Path target, byte[] content) throws IOException {
        write(target, content, Durability.PORTABLE);
    }

    /** Replaces (or creates) {@code target} with {@code content}. */
    public static void write(Path target, byte[] content, Durability durability) throws IOException {
        replace(target, durability, temp -> {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
            }
        });
    }

    /** Replaces (or creates) {@code target} with what {@code content} writes, {@link Durability#PORTABLE}. */
    public static void replace(Path target, Content content) throws IOException {
        replace(target, Durability.PORTABLE, content);
    }

    /**
     * Creates {@code target} with what {@code content} writes to a temporary file beside it, never
     * replacing a file: the complete temporary file is hard-linked into place, which fails when
     * the target exists (a rename would silently replace it); where hard links are not supported,
     * it is moved, which also refuses an existing target. Nothing is forced.
     *
     * @throws FileAlreadyExistsException if {@code target} exists; it is left as it was
     */
    public static void create(Path target, Content content) throws IOException {
        Path temp = tempBeside(target.toAbsolutePath());
        try {
            content.writeTo(temp);
            try {
                Files.createLink(target, temp);
            } catch (FileAlreadyExistsException e) {
                throw new FileAlreadyExistsException(target.toString(), null, "exists already; refusing to overwrite it");
            } catch (UnsupportedOperationException | FileSystemException e) {
                Files.move(temp, target);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Replaces (or creates) {@code target} with what {@code content} writes to a temporary file beside it. */
    public static void replace(Path target, Durability durability, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path temp = tempBeside(absolute);
        try {
            content.writeTo(temp);
            if (durability == Durability.FORCED) {
                // Before the permissions are copied: a read-only target's would forbid opening it to force.
                forceFile(temp);
            }
            keepPermissions(absolute, temp);
            if (durability == Durability.FORCED) {
                renameForced(temp, absolute);
            } else {
                renamePortably(temp, absolute);
            }
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * Renames {@code from} to {@code to} atomically, replacing it, and forces both directories.
     *
     * @throws AtomicMoveNotSupportedException when the file system cannot rename atomically (or
     *     the two are on different file systems); nothing is moved then
     */
    public static void renameForced(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectoriesOf(from, to);
    }

    /** After a rename of {@code from} to {@code to}: forces the directory of each (once, when they share it). */
    public static void forceDirectoriesOf(Path from, Path to) {
        Path toDir = to.toAbsolutePath().getParent();
        forceDirectory(toDir);
        Path fromDir = from.toAbsolutePath().getParent();
        if (!fromDir.equals(toDir)) {
            forceDirectory(fromDir);
        }
    }

    /** Forces a file's content to the disk. */
    public static void forceFile(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Forces a directory's entries (creations, renames, deletions) to the disk, where the file system allows it. */
    public static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems refuse to open or force a directory; the rename itself is still atomic.
        }
    }

    /** A hidden, unique name beside {@code target}, so the rename stays within one directory. */
    private static Path tempBeside(Path target) {
        return target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    }

    private static void keepPermissions(Path target, Path temp) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        if (view != null && Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            Files.setPosixFilePermissions(temp, view.readAttributes().permissions());
        }
    }

    private static void renamePortably(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
