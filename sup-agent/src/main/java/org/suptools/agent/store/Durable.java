package org.suptools.agent.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes that survive a kill or a power loss in a known state, as the installer's own: the content
 * is forced to the disk before it is renamed into place and the directory is forced after, so a
 * reader finds the old file or the complete new one, never part of one.
 */
public final class Durable {

    private Durable() {
    }

    /** Replaces {@code target} with {@code bytes}: a temporary file beside it, fsync, rename, fsync of the folder. */
    public static void write(Path target, byte[] bytes) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            move(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Renames atomically, replacing the target, and forces the directories involved. */
    public static void move(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDir(to.toAbsolutePath().getParent());
        Path fromDir = from.toAbsolutePath().getParent();
        if (!fromDir.equals(to.toAbsolutePath().getParent())) {
            syncDir(fromDir);
        }
    }

    /** Deletes a file, if it is there, and forces its directory so that the deletion stays. */
    public static void delete(Path file) throws IOException {
        if (Files.deleteIfExists(file)) {
            syncDir(file.toAbsolutePath().getParent());
        }
    }

    /** Deletes a folder of plain files (a job's download), if it is there. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        }
        delete(dir);
    }

    /** Forces a directory's entries (creations, renames, deletions) to the disk. */
    public static void syncDir(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems refuse to open or force a directory; the rename itself is still atomic.
        }
    }
}
