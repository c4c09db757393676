package org.suptools.installer.exec;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.suptools.installer.fs.Deadline;
import org.suptools.installer.fs.Durable;
import org.suptools.installer.fs.PathWalk;
import org.suptools.installer.fs.Trees;
import org.suptools.model.action.ArchiveFormat;

/**
 * Unpacks a zip, tar or tar.gz payload into a new directory, safely: entry names that are
 * absolute or climb out with {@code ..} are refused, nothing is written through a link, a link
 * is created only when its real resolution stays inside the tree ({@link #link}), hard links,
 * devices and FIFOs are refused, and the number of entries and bytes are capped. Files are
 * forced to disk, so the tree can be renamed into place afterwards. Modes are kept (without
 * setuid, setgid and sticky bits).
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
    private long bytes;

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
        switch (format) {
            case ZIP -> unpacker.unzip(archive, spoolFile);
            case TAR -> unpacker.untar(archive, false);
            case TAR_GZ -> unpacker.untar(archive, true);
        }
        unpacker.applyDirectoryModes();
        Durable.syncDir(target);
        List<Unpacked> result = new ArrayList<>();
        unpacker.entries.forEach((path, kind) -> result.add(new Unpacked(path, kind)));
        return result;
    }

    private void untar(InputStream raw, boolean gzip) throws IOException, ActionFailedException {
        InputStream buffered = new BufferedInputStream(raw, BUFFER);
        InputStream in = gzip ? new GzipCompressorInputStream(buffered, true) : buffered;
        try {
            TarArchiveInputStream tar = new TarArchiveInputStream(in, StandardCharsets.UTF_8.name());
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                String name = normalise(entry.getName());
                if (name.isEmpty()) {
                    continue;
                }
                int mode = entry.getMode() & 0777;
                if (entry.isDirectory()) {
                    directory(name, mode);
                } else if (entry.isSymbolicLink()) {
                    link(name, entry.getLinkName());
                } else if (entry.isLink()) {
                    throw unsafe(name, "is a hard link; hard links are not unpacked");
                } else if (entry.isFile()) {
                    file(name, mode, tar);
                } else {
                    throw unsafe(name, "is a device, FIFO or other special file");
                }
            }
            // Read to the end, so that the payload stream checks the size and hash of every byte.
            buffered.transferTo(OutputStream.nullOutputStream());
        } catch (ActionFailedException | Deadline.TimeoutExceededException e) {
            throw e;
        } catch (IOException e) {
            throw new ActionFailedException("the archive payload cannot be unpacked: " + e.getMessage(), e);
        }
    }

    private void unzip(InputStream raw, Path spoolFile) throws IOException, ActionFailedException {
        Files.createDirectories(spoolFile.getParent());
        Files.deleteIfExists(spoolFile);
        Durable.copyNew(raw, spoolFile, deadline);
        try (ZipFile zip = ZipFile.builder().setPath(spoolFile).setUseUnicodeExtraFields(false).get()) {
            for (ZipArchiveEntry entry : Collections.list(zip.getEntriesInPhysicalOrder())) {
                String name = normalise(entry.getName());
                if (name.isEmpty()) {
                    continue;
                }
                int unixMode = entry.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX ? entry.getUnixMode() : 0;
                int mode = unixMode & 0777;
                if (entry.isUnixSymlink()) {
                    if (entry.getSize() > 4096) {
                        throw unsafe(name, "is a link with an implausibly long target");
                    }
                    String target;
                    try (InputStream in = zip.getInputStream(entry)) {
                        target = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
                    }
                    link(name, target);
                } else if (entry.isDirectory()) {
                    directory(name, mode == 0 ? 0755 : mode);
                } else {
                    int type = unixMode & 0170000;
                    if (type != 0 && type != 0100000) {
                        throw unsafe(name, "is a device, FIFO or other special file");
                    }
                    try (InputStream in = zip.getInputStream(entry)) {
                        file(name, mode == 0 ? 0644 : mode, in);
                    }
                }
            }
        } catch (ActionFailedException | Deadline.TimeoutExceededException e) {
            throw e;
        } catch (IOException e) {
            throw new ActionFailedException("the zip payload cannot be read: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(spoolFile);
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
        long written = 0;
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            byte[] buffer = new byte[BUFFER];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                bytes += n;
                written += n;
                if (bytes > limits.maxBytes()) {
                    throw new ActionFailedException("the archive unpacks to more than " + limits.maxBytes()
                            + " bytes, the limit");
                }
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

    /** The entry name as a clean relative path, or a refusal when it is absolute or climbs out. */
    static String normalise(String name) throws ActionFailedException {
        if (name.startsWith("/") || name.indexOf('\0') >= 0 || name.contains("\\")) {
            throw unsafe(name, "is not a safe relative path");
        }
        List<String> parts = new ArrayList<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                throw unsafe(name, "climbs out of the destination with '..'");
            }
            parts.add(part);
        }
        return String.join("/", parts);
    }

    private static ActionFailedException unsafe(String name, String why) {
        return new ActionFailedException("archive entry '" + name + "' " + why);
    }
}
