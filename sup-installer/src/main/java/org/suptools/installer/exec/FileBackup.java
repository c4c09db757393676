package org.suptools.installer.exec;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import org.suptools.installer.fs.Durable;
import org.suptools.installer.fs.Trees;

/**
 * Backups that appear atomically, and their restore. A backup is a hard link when the state
 * directory shares the file system (instant, no space), else a copy made under a temporary name
 * and renamed, so a backup that exists is always complete. The original is a gateway path: every
 * change to it goes through {@link GatewayFiles}; the backup is in the installer's state directory.
 */
public final class FileBackup {

    private FileBackup() {
    }

    /** Keeps the current content of {@code original} (a file or link) at {@code backup}; the original stays. */
    public static void linkOrCopy(GatewayFiles files, Path original, Path backup) throws IOException,
            ActionFailedException {
        Path real = files.entry(original);
        Files.createDirectories(backup.getParent());
        if (Trees.exists(backup)) {
            return;
        }
        try {
            Files.createLink(backup, real);
            Durable.syncDir(backup.getParent());
        } catch (IOException | UnsupportedOperationException e) {
            copyAtomically(real, backup);
        }
    }

    /** Moves {@code original} (a file, link or tree) to {@code backup}: a rename, or a copy and delete across file systems. */
    public static void moveAside(GatewayFiles files, Path original, Path backup) throws IOException,
            ActionFailedException {
        Files.createDirectories(backup.getParent());
        try {
            files.moveOut(original, backup);
        } catch (AtomicMoveNotSupportedException e) {
            copyAtomically(files.removable(original), backup);
            files.deleteTree(original);
        }
    }

    /**
     * Puts the backup back at {@code original}, replacing whatever is there; nothing when there is
     * no backup (the original was never changed: changes only follow a complete backup), and
     * nothing but removing the backup when the original is still what the backup holds (the
     * change was refused, as by an immutable file: replacing it would be refused too). Safe to repeat.
     */
    public static void restore(GatewayFiles files, Path original, Path backup) throws IOException,
            ActionFailedException {
        if (!Trees.exists(backup)) {
            return;
        }
        Path real = files.entry(original);
        if (Trees.exists(real) && (sameFile(real, backup) || sameContent(real, backup))) {
            Files.delete(backup);
            return;
        }
        Path restoring = original.resolveSibling("." + original.getFileName() + ".sup-restore");
        files.deleteTree(restoring);
        files.deleteTree(original);
        try {
            files.moveIn(backup, original);
        } catch (AtomicMoveNotSupportedException e) {
            files.copyIn(backup, restoring);
            files.rename(restoring, original);
            Trees.deleteRecursively(backup);
        }
    }

    /** Reverses the rename {@code from -> to} if it happened: {@code to} is there and {@code from} is not. */
    public static void renameBack(GatewayFiles files, Path from, Path to) throws IOException, ActionFailedException {
        boolean toExists = files.exists(to);
        boolean fromExists = files.exists(from);
        if (toExists && !fromExists) {
            files.rename(to, from);
        } else if (toExists) {
            throw new IOException("both " + from + " and " + to + " exist; cannot tell which one to keep");
        }
    }

    private static void copyAtomically(Path original, Path backup) throws IOException {
        Path temp = backup.resolveSibling(backup.getFileName() + ".partial");
        Trees.deleteRecursively(temp);
        Trees.copyTree(original, temp);
        Durable.rename(temp, backup);
    }

    /** Two regular files with the same mode and bytes, or two links with the same target. */
    private static boolean sameContent(Path a, Path b) throws IOException {
        BasicFileAttributes attributesA = Files.readAttributes(a, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        BasicFileAttributes attributesB = Files.readAttributes(b, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributesA.isSymbolicLink() && attributesB.isSymbolicLink()) {
            return Files.readSymbolicLink(a).equals(Files.readSymbolicLink(b));
        }
        return attributesA.isRegularFile() && attributesB.isRegularFile() && attributesA.size() == attributesB.size()
                && Files.getPosixFilePermissions(a, LinkOption.NOFOLLOW_LINKS)
                        .equals(Files.getPosixFilePermissions(b, LinkOption.NOFOLLOW_LINKS))
                && Files.mismatch(a, b) == -1;
    }

    private static boolean sameFile(Path a, Path b) throws IOException {
        Object keyA = Files.readAttributes(a, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        Object keyB = Files.readAttributes(b, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        return keyA != null && Objects.equals(keyA, keyB);
    }
}
