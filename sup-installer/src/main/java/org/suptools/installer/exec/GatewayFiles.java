package org.suptools.installer.exec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Objects;
import java.util.Set;
import org.suptools.installer.fs.Confinement;
import org.suptools.installer.fs.Deadline;
import org.suptools.installer.fs.Durable;
import org.suptools.installer.fs.OutsideRootsException;
import org.suptools.installer.fs.Trees;

/**
 * Every change the executors, their undo and the clean-up make to gateway paths. Each one asks
 * the {@link Confinement} where its path really is, on the real file system, immediately before
 * it is made, and then works on that real location (so the operation itself follows no link but,
 * where it must, a last one that was checked). The plan's checks come earlier and are not enough:
 * a package can create links after the plan (an archive, a command). Paths in the installer's
 * own state directory (backups) are not gateway paths and do not come here.
 */
public final class GatewayFiles {

    private final Confinement confinement;

    public GatewayFiles(Confinement confinement) {
        this.confinement = Objects.requireNonNull(confinement, "confinement");
    }

    /** Where {@code path} really is (a last link not followed), or why the path is refused. */
    public Path entry(Path path) throws ActionFailedException {
        try {
            return confinement.entry(path);
        } catch (OutsideRootsException e) {
            throw refused(e);
        }
    }

    /** Where {@code path} really leads (a last link followed), or why the path is refused. */
    public Path target(Path path) throws ActionFailedException {
        try {
            return confinement.target(path);
        } catch (OutsideRootsException e) {
            throw refused(e);
        }
    }

    /** Where the tree {@code path} really is, or why it may not be taken away. */
    public Path removable(Path path) throws ActionFailedException {
        try {
            return confinement.removable(path);
        } catch (OutsideRootsException e) {
            throw refused(e);
        }
    }

    /** A path as messages show it. */
    public String show(Path path) {
        return confinement.show(path);
    }

    /** True when something (even a dangling link) is at {@code path}; a path that leads outside is refused. */
    public boolean exists(Path path) throws ActionFailedException {
        return Trees.exists(entry(path));
    }

    /** True when a real directory (not a link to one) is at {@code path}. */
    public boolean isDirectory(Path path) throws ActionFailedException {
        return Trees.isDirectory(entry(path));
    }

    public void createDirectory(Path dir) throws IOException, ActionFailedException {
        Files.createDirectory(entry(dir));
    }

    /** Streams into a new file (it must not exist, and is not a link) and forces it to the disk. */
    public long copyNew(InputStream in, Path file, Deadline deadline) throws IOException, ActionFailedException {
        return Durable.copyNew(in, entry(file), deadline);
    }

    /** Writes a new file (it must not exist) and forces it to the disk. */
    public void writeNew(Path file, byte[] bytes) throws IOException, ActionFailedException {
        Path real = entry(file);
        Files.write(real, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        Durable.syncFile(real);
    }

    /** Changes the mode of what {@code path} leads to; a link at the end must lead inside. */
    public void setPermissions(Path path, Set<PosixFilePermission> permissions)
            throws IOException, ActionFailedException {
        Files.setPosixFilePermissions(target(path), permissions);
    }

    /** Gives {@code to} the owner and group of {@code from} when the installer may (it runs as root on gateways). */
    public void copyOwner(Path from, Path to) throws ActionFailedException {
        Path realFrom = entry(from);
        Path realTo = entry(to);
        try {
            PosixFileAttributes was = Files.readAttributes(realFrom, PosixFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            PosixFileAttributeView view = Files.getFileAttributeView(realTo, PosixFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS);
            PosixFileAttributes now = view.readAttributes();
            if (!was.owner().equals(now.owner())) {
                view.setOwner(was.owner());
            }
            if (!was.group().equals(now.group())) {
                view.setGroup(was.group());
            }
        } catch (IOException | UnsupportedOperationException e) {
            // Not permitted for an unprivileged installer: the file then belongs to the installer's user.
        }
    }

    /** Renames {@code from} over {@code to} atomically (replacing an entry there, never following it). */
    public void replace(Path from, Path to) throws IOException, ActionFailedException {
        Durable.move(entry(from), entry(to));
    }

    /** Renames atomically without replacing anything. */
    public void rename(Path from, Path to) throws IOException, ActionFailedException {
        Durable.rename(removable(from), entry(to));
    }

    /**
     * Renames the gateway path {@code original} to {@code backup} in the state directory (a backup
     * made by a rename).
     *
     * @throws java.nio.file.AtomicMoveNotSupportedException when the two are on different file systems
     */
    public void moveOut(Path original, Path backup) throws IOException, ActionFailedException {
        Durable.rename(removable(original), backup);
    }

    /**
     * Renames {@code backup} from the state directory back to the gateway path {@code original}.
     *
     * @throws java.nio.file.AtomicMoveNotSupportedException when the two are on different file systems
     */
    public void moveIn(Path backup, Path original) throws IOException, ActionFailedException {
        Durable.rename(backup, entry(original));
    }

    /** Copies {@code backup} (a file, link or tree in the state directory) to the new gateway path {@code to}. */
    public void copyIn(Path backup, Path to) throws IOException, ActionFailedException {
        Trees.copyTree(backup, entry(to));
    }

    /**
     * Moves a link unpacked in a staging tree to {@code to}, once its target is checked where it
     * will be: it must resolve inside {@code within} (the tree the archive is unpacked into),
     * following the links already there.
     */
    public void replaceWithLink(Path staged, Path to, Path within) throws IOException, ActionFailedException {
        String target = Files.readSymbolicLink(entry(staged)).toString();
        try {
            confinement.checkNewLink(to, target, within);
        } catch (OutsideRootsException e) {
            throw refused(e);
        }
        replace(staged, to);
    }

    /** Deletes a file, a link (never followed) or a whole tree; nothing when absent. */
    public void deleteTree(Path path) throws IOException, ActionFailedException {
        Path real = removable(path);
        Trees.deleteRecursively(real);
    }

    /** Forces a directory's entries to the disk. */
    public void syncDir(Path dir) throws IOException, ActionFailedException {
        Durable.syncDir(target(dir));
    }

    private static ActionFailedException refused(OutsideRootsException e) {
        return new ActionFailedException(e.getMessage(), e);
    }
}
