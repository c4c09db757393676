package org.suptools.portal.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * Files the portal serves, with their size and CRC-32 computed once at upload. The Developer Files live
 * under {@code files/developer/}, a thing's own files under {@code files/things/<key>/}: each holds
 * {@code meta/<name>.json} and {@code blobs/<blob>}. An upload streams the bytes to a new blob (the CRC
 * computed on the way, never the whole file in memory), forces it to disk, then replaces the metadata.
 */
public final class FileStore {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataDir data;
    private final Path dir;
    private final Clock clock;

    private FileStore(DataDir data, Path dir, Clock clock) {
        this.data = data;
        this.dir = dir;
        this.clock = clock;
    }

    /** The organisation's Developer Files, where a campaign's SUP is. */
    public static FileStore developerFiles(DataDir data, Clock clock) {
        return new FileStore(data, data.resolve("files").resolve("developer"), clock);
    }

    /** One thing's own files, what {@code file.get {fileName, thingKey}} names. */
    public static FileStore thingFiles(DataDir data, String thingKey, Clock clock) {
        return new FileStore(data, data.resolve("files").resolve("things").resolve(Names.thingKey("thingKey", thingKey)),
                clock);
    }

    /** Uploads a file under its own name. */
    public StoredFile upload(Path source) {
        return upload(source, source.getFileName().toString());
    }

    /**
     * Uploads a file under {@code name}, replacing one of that name.
     *
     * @throws IllegalArgumentException if the name is not a safe file name
     * @throws UncheckedIOException if the source cannot be read
     */
    public StoredFile upload(Path source, String name) {
        Names.fileName("name", name);
        if (!Files.isRegularFile(source)) {
            throw new IllegalArgumentException(source + ": not a regular file");
        }
        String blob = newBlobName();
        Path blobFile = dir.resolve("blobs").resolve(blob);
        long size = 0;
        CRC32 crc = new CRC32();
        try {
            Files.createDirectories(blobFile.getParent());
            try (InputStream in = Files.newInputStream(source);
                 OutputStream out = Files.newOutputStream(blobFile, StandardOpenOption.CREATE_NEW)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) > 0;) {
                    crc.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                    size += n;
                }
            }
            try (var channel = java.nio.channels.FileChannel.open(blobFile, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot upload " + source + ": " + e.getMessage(), e);
        }
        StoredFile stored = new StoredFile(name, size, crc.getValue(), blob, clock.instant());
        Optional<StoredFile> previous = data.locked(() -> {
            Optional<StoredFile> old = find(name);
            data.write(meta(name), stored);
            return old;
        });
        // A download of the old bytes that already opened its blob keeps reading it (POSIX).
        previous.ifPresent(old -> deleteQuietly(blobFile.resolveSibling(old.blob())));
        return stored;
    }

    public Optional<StoredFile> find(String name) {
        if (!Names.isFileName(name)) {
            return Optional.empty();
        }
        return data.read(meta(name), StoredFile.class);
    }

    /** Where the file's bytes are. */
    public Path bytes(StoredFile file) {
        return dir.resolve("blobs").resolve(file.blob());
    }

    /** Every file, by name. */
    public List<StoredFile> all() {
        Path metaDir = dir.resolve("meta");
        if (!Files.isDirectory(metaDir)) {
            return List.of();
        }
        List<StoredFile> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(metaDir)) {
            list.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted()
                    .forEach(n -> find(n.substring(0, n.length() - ".json".length())).ifPresent(files::add));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** The file's removal: its metadata (the commit: the file is gone), then its bytes. */
    Removal.Plan removalPlan(StoredFile file) {
        return new Removal.Plan(relative(meta(file.name())), List.of(relative(bytes(file))));
    }

    private String relative(Path path) {
        return data.root().relativize(path).toString();
    }

    private Path meta(String name) {
        return dir.resolve("meta").resolve(name + ".json");
    }

    private static String newBlobName() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // An orphaned blob wastes space but breaks nothing.
        }
    }
}
