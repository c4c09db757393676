package org.suptools.portal.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The portal's data directory, shared by the serving process and the commands run beside it
 * ({@code thing add}, {@code campaign start}). Every change happens under one lock that holds across
 * processes (a file lock) and across threads (a JVM lock, since a file lock is per process); every file
 * is written whole to a temporary file, forced to disk and renamed over the old one, so a reader without
 * the lock sees the old or the new content, never half of one.
 */
public final class DataDir {

    /** One JVM lock per data directory, since a second FileChannel lock in the same JVM would throw. */
    private static final java.util.concurrent.ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final Path root;
    private final ObjectMapper json;
    private final ReentrantLock jvmLock;

    public DataDir(Path root) {
        try {
            if (!Files.exists(root)) {
                createPrivate(root);
            }
            this.root = Files.createDirectories(root).toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + root + ": " + e.getMessage(), e);
        }
        this.json = mapper();
        this.jvmLock = JVM_LOCKS.computeIfAbsent(this.root, r -> new ReentrantLock());
    }

    /** The directory holds app tokens and the portal's MQTT password: only its owner may read it. */
    private static void createPrivate(Path root) throws IOException {
        Files.createDirectories(root.toAbsolutePath().getParent());
        try {
            Files.createDirectory(root, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectories(root);
        } catch (java.nio.file.FileAlreadyExistsException createdMeanwhile) {
            // Another process made it first.
        }
    }

    /** The JSON mapper of every stored file: ISO-8601 times, Optional fields, absent ones left out. */
    public static ObjectMapper mapper() {
        return JsonMapper.builder()
                .addModule(new Jdk8Module())
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .serializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_ABSENT)
                .build();
    }

    public Path root() {
        return root;
    }

    public Path resolve(String relative) {
        return root.resolve(relative);
    }

    public ObjectMapper json() {
        return json;
    }

    /** Completes, under the lock, the removals of things and files that a crash cut short. */
    public void finishPendingRemovals() {
        locked(() -> Removal.finishPending(this));
    }

    /** Runs {@code change} holding the data directory's lock, against every thread and process. */
    public <T> T locked(Supplier<T> change) {
        if (jvmLock.isHeldByCurrentThread()) {
            // Nested: the file lock is already ours, and a second one in this JVM would throw.
            return change.get();
        }
        jvmLock.lock();
        try (FileChannel channel = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            return change.get();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock the data directory " + root + ": " + e.getMessage(), e);
        } finally {
            jvmLock.unlock();
        }
    }

    public void locked(Runnable change) {
        locked(() -> {
            change.run();
            return null;
        });
    }

    /** The stored value, or empty when the file does not exist. */
    public <T> Optional<T> read(Path file, Class<T> type) {
        try {
            return Optional.of(json.readValue(Files.readAllBytes(file), type));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StoreException(root.relativize(file) + ": cannot be read: " + oneLine(e));
        }
    }

    /** The stored value of a generic type (a list), or empty when the file does not exist. */
    public <T> Optional<T> read(Path file, com.fasterxml.jackson.core.type.TypeReference<T> type) {
        try {
            return Optional.of(json.readValue(Files.readAllBytes(file), type));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StoreException(root.relativize(file) + ": cannot be read: " + oneLine(e));
        }
    }

    /** Writes the value whole and atomically: a reader sees the old file or the new one. */
    public void write(Path file, Object value) {
        try {
            writeAtomically(file, json.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new StoreException(root.relativize(file) + ": cannot be written: " + oneLine(e));
        }
    }

    /** Writes the bytes to a temporary file beside {@code file}, forces them to disk and renames it over. */
    public static void writeAtomically(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            // A leading dot: never a valid thing key or file name, so no directory listing takes it for one.
            Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            moveAtomically(temp, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String oneLine(Exception e) {
        String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
    }
}
