package org.suptools.workbench.service;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.suptools.model.archive.Sha256;

/** The payload files as the CLI finds them: every regular file under the payload directory. */
public final class FilePayloadStore implements PayloadStore {

    @Override
    public List<PayloadEntry> list(Path payloadDir) throws IOException {
        if (!Files.isDirectory(payloadDir)) {
            return List.of();
        }
        List<PayloadEntry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.walk(payloadDir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file)) {
                    String name = payloadDir.relativize(file).toString().replace(java.io.File.separatorChar, '/');
                    entries.add(new PayloadEntry(name, file, Files.size(file)));
                }
            }
        }
        entries.sort(Comparator.comparing(PayloadEntry::name));
        return entries;
    }

    @Override
    public String sha256(Path file) throws IOException {
        return Sha256.ofFile(file);
    }

    @Override
    public String copyIn(Path source, Path payloadDir) throws IOException {
        Files.createDirectories(payloadDir);
        String name = source.getFileName().toString();
        Path target = payloadDir.resolve(name);
        if (Files.exists(target)) {
            if (Files.isSameFile(source, target) || sameContent(source, target)) {
                return name;
            }
            throw new FileAlreadyExistsException(target.toString(), null,
                    "a different payload file of this name exists; rename one of them");
        }
        Files.copy(source, target);
        return name;
    }

    @Override
    public void delete(Path payloadDir, String name) throws IOException {
        Files.delete(inside(payloadDir, name));
    }

    @Override
    public void rename(Path payloadDir, String from, String to) throws IOException {
        Path source = inside(payloadDir, from);
        Path target = inside(payloadDir, to);
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(to, null, "a payload file of this name exists already");
        }
        Files.createDirectories(target.getParent());
        Files.move(source, target);
    }

    /** The file of a payload name, refused when the name would lead out of the payload directory. */
    private static Path inside(Path payloadDir, String name) {
        Path dir = payloadDir.toAbsolutePath().normalize();
        Path file = dir.resolve(name).normalize();
        if (name.isBlank() || name.contains("\\") || !file.startsWith(dir) || file.equals(dir)) {
            throw new IllegalArgumentException("'" + name + "' is not a file name inside the payload directory");
        }
        return file;
    }

    private static boolean sameContent(Path a, Path b) throws IOException {
        return Files.mismatch(a, b) == -1;
    }
}
