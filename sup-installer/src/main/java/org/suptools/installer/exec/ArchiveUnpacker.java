package org.suptools.installer.exec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.suptools.installer.archive.ArchiveVisitor;
import org.suptools.installer.archive.PayloadArchive;
import org.suptools.installer.archive.UnpackLimits;
import org.suptools.installer.archive.UnsafeArchiveException;
import org.suptools.installer.fs.Deadline;
import org.suptools.installer.fs.Durable;
import org.suptools.installer.fs.PathWalk;
import org.suptools.installer.fs.Trees;
import org.suptools.model.action.ArchiveFormat;

/**
 * Unpacks a zip, tar or tar.gz payload into a new directory, safely. The archive is read by
 * {@link PayloadArchive}, the same reader the plan counts it with, which refuses unsafe names,
 * hard links, devices, FIFOs, sparse files, sizes that are not what the archive declares and
 * more than the {@link UnpackLimits}; here nothing is written through a link, and a link is
 * created only when its real resolution stays inside the tree ({@link #link}). Files are forced
 * to disk, so the tree can be renamed into place afterwards. Modes are kept (without setuid,
 * setgid and sticky bits).
 */
public final class ArchiveUnpacker {

    /** What one entry became. */
    public enum Kind { DIRECTORY, FILE, LINK }

    /** One entry of the unpacked tree, by its normalised relative path. */
    public record Unpacked(String path, Kind kind) {
    }

    private static final int BUFFER = 64 * 1024;

    private final UnpackLimits limits;
    private final Deadline deadline;
    private final Path root;
    private final Map<String, Kind> entries = new LinkedHashMap<>();
    private final Map<Path, Integer> directoryModes = new LinkedHashMap<>();

    private ArchiveUnpacker(Path root, UnpackLimits limits, Deadline deadline) {
        this.root = root;
        this.limits = limits;
        this.deadline = deadline;
    }

    /**
     * Unpacks {@code archive} into {@code target}, which must not exist. A zip is first spooled to
     * {@code spoolFile} (its directory is at its end); it is deleted afterwards.
     *
     * @return the entries in archive order, parents before children
     * @throws ActionFailedException when the archive is unsafe, damaged or above the limits
     */
    public static List<Unpacked> unpack(InputStream archive, ArchiveFormat format, Path target, Path spoolFile,
            UnpackLimits limits, Deadline deadline) throws IOException, ActionFailedException {
        Files.createDirectory(target);
        // Links are resolved on the real file system, from where the tree really is.
        ArchiveUnpacker unpacker = new ArchiveUnpacker(target.toRealPath(), limits, deadline);
        try {
            PayloadArchive.read(archive, format, spoolFile, limits, deadline, unpacker.new Writer());
        } catch (UnsafeArchiveException e) {
            throw new ActionFailedException(e.getMessage(), e);
        } catch (ActionFailedException | Deadline.TimeoutExceededException e) {
            throw e;
        } catch (IOException e) {
            throw new ActionFailedException("the archive payload cannot be unpacked: " + e.getMessage(), e);
        }
        unpacker.applyDirectoryModes();
        Durable.syncDir(target);
        List<Unpacked> result = new ArrayList<>();
        unpacker.entries.forEach((path, kind) -> result.add(new Unpacked(path, kind)));
        return result;
    }

    /** Writes each entry the reader hands over into the tree. */
    private final class Writer implements ArchiveVisitor<ActionFailedException> {

        @Override
        public void directory(String name, int mode) throws IOException, ActionFailedException {
            ArchiveUnpacker.this.directory(name, mode);
        }

        @Override
        public void file(String name, int mode, long size, InputStream content)
                throws IOException, ActionFailedException {
            ArchiveUnpacker.this.file(name, mode, content);
        }

        @Override
        public void link(String name, String target) throws IOException, ActionFailedException {
            ArchiveUnpacker.this.link(name, target);
        }
    }

    private void directory(String name, int mode) throws IOException, ActionFailedException {
        Path dir = place(name, Kind.DIRECTORY);
        if (!Trees.exists(dir)) {
            Files.createDirectories(dir);
        } else if (!Trees.isDirectory(dir)) {
            throw unsafe(name, "is a directory, but a file of that name came before it");
        }
        directoryModes.put(dir, mode == 0 ? 0755 : mode);
    }

    private void file(String name, int mode, InputStream in) throws IOException, ActionFailedException {
        Path file = place(name, Kind.FILE);
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            byte[] buffer = new byte[BUFFER];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                deadline.check();
            }
        }
        Durable.syncFile(file);
        Files.setPosixFilePermissions(file, Trees.permissions(String.format("%04o", mode == 0 ? 0644 : mode)));
    }

    /**
     * Creates a link entry, once its target is known to stay inside the tree: relative, climbing
     * with {@code ..} only at its start, and resolving inside the tree now, on the real file
     * system, through the links already unpacked ({@link PathWalk#checkNewLink}).
     */
    private void link(String name, String target) throws IOException, ActionFailedException {
        if (target.isEmpty() || target.startsWith("/") || target.indexOf('\0') >= 0) {
            throw unsafe(name, "is a link to '" + target + "'; only relative links inside the tree are unpacked");
        }
        Path link = place(name, Kind.LINK);
        Optional<String> refusal = PathWalk.checkNewLink(root, "the tree", link, target);
        if (refusal.isPresent()) {
            throw unsafe(name, "is a link to '" + target + "' that " + refusal.get());
        }
        Files.createSymbolicLink(link, Path.of(target));
    }

    /** The path an entry goes to, once its parents exist and are real directories (never links). */
    private Path place(String name, Kind kind) throws IOException, ActionFailedException {
        if (entries.size() >= limits.maxEntries()) {
            throw new ActionFailedException("the archive has more than " + limits.maxEntries() + " entries, the limit");
        }
        Kind earlier = entries.get(name);
        if (earlier != null && !(earlier == Kind.DIRECTORY && kind == Kind.DIRECTORY)) {
            throw unsafe(name, "appears twice in the archive");
        }
        Path path = root.resolve(name);
        Path parent = path.getParent();
        List<Path> missing = new ArrayList<>();
        for (Path p = parent; !p.equals(root); p = p.getParent()) {
            if (Files.isSymbolicLink(p)) {
                throw unsafe(name, "would be written through the link " + root.relativize(p));
            }
            if (Trees.exists(p) && !Trees.isDirectory(p)) {
                throw unsafe(name, "is inside " + root.relativize(p) + ", which is not a directory");
            }
            if (!Trees.exists(p)) {
                missing.add(0, p);
            }
        }
        for (Path dir : missing) {
            Files.createDirectory(dir);
            String relative = root.relativize(dir).toString();
            entries.putIfAbsent(relative, Kind.DIRECTORY);
            directoryModes.putIfAbsent(dir, 0755);
        }
        if (earlier == null) {
            entries.put(name, kind);
        }
        return path;
    }

    private void applyDirectoryModes() throws IOException {
        List<Path> dirs = new ArrayList<>(directoryModes.keySet());
        dirs.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        for (Path dir : dirs) {
            Files.setPosixFilePermissions(dir, Trees.permissions(String.format("%04o", directoryModes.get(dir))));
            Durable.syncDir(dir);
        }
    }

    private static ActionFailedException unsafe(String name, String why) {
        return new ActionFailedException("archive entry '" + name + "' " + why);
    }
}
