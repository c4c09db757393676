package org.suptools.installer.fs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.suptools.model.files.AtomicFiles;

/**
 * Writes that survive a crash or power loss in a known state: content is forced to the disk
 * before it is renamed into place, and the directory is forced after the rename, so a reader sees
 * either the old file or the complete new one. Replacing a file is the model's
 * {@link AtomicFiles} at {@link AtomicFiles.Durability#FORCED}; this class adds the installer's
 * own writes: streamed copies under a deadline, forced appends, renames that never replace.
 */
public final class Durable {

    private static final int BUFFER = 64 * 1024;

    private Durable() {
    }

    /**
     * Replaces {@code target} atomically with {@code bytes}: a temporary file beside it, forced,
     * renamed, the directory forced ({@link AtomicFiles.Durability#FORCED}).
     */
    public static void write(Path target, byte[] bytes) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        AtomicFiles.write(target, bytes, AtomicFiles.Durability.FORCED);
    }

    /** Replaces {@code target} atomically with what {@code content} writes, streamed, as {@link #write} does. */
    public static void replace(Path target, AtomicFiles.Content content) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        AtomicFiles.replace(target, AtomicFiles.Durability.FORCED, content);
    }

    /**
     * Copies a stream into a new file (which must not exist) and forces it to the disk.
     *
     * @param deadline checked between buffers; the copy fails when it passes
     * @return the number of bytes written
     */
    public static long copyNew(InputStream in, Path file, Deadline deadline) throws IOException {
        long total = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             OutputStream out = Channels.newOutputStream(channel)) {
            byte[] buffer = new byte[BUFFER];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                total += n;
                deadline.check();
                TestPause.copied(n);
                TestFault.copied(n);
            }
            out.flush();
            channel.force(true);
        }
        return total;
    }

    /** Appends one line and forces it to the disk. */
    public static void appendLine(Path file, String line) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap((line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        }
    }

    /** Renames atomically, replacing the target, and forces both directories. */
    public static void move(Path from, Path to) throws IOException {
        AtomicFiles.renameForced(from, to);
    }

    /**
     * Renames atomically without replacing anything.
     *
     * @throws AtomicMoveNotSupportedException when the two are on different file systems
     */
    public static void rename(Path from, Path to) throws IOException {
        if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
            throw new java.nio.file.FileAlreadyExistsException(to.toString());
        }
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        AtomicFiles.forceDirectoriesOf(from, to);
    }

    /** Forces a file's content to the disk. */
    public static void syncFile(Path file) throws IOException {
        AtomicFiles.forceFile(file);
    }

    /** Forces a directory's entries (creations, renames, deletions) to the disk. */
    public static void syncDir(Path dir) throws IOException {
        AtomicFiles.forceDirectory(dir);
    }
}
