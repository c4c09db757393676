package org.suptools.model.signing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The public keys whose signatures are trusted, by key id. The same key listed twice, in any
 * file form, is one entry. An empty store is allowed; every verification against it fails.
 */
public final class TrustStore {

    private final String source;
    private final Map<String, PublicKey> keysById;

    private TrustStore(String source, Map<String, PublicKey> keysById) {
        this.source = source;
        this.keysById = Collections.unmodifiableMap(new TreeMap<>(keysById));
    }

    /**
     * Loads a trust store. A directory contributes every regular file directly in it whose name
     * ends in {@code .pub} or {@code .pem} (other files and subdirectories are skipped); a file
     * is one public key.
     *
     * @throws KeyFileException naming the path if it is missing or unreadable, or naming the
     *     first key file that is not a supported PEM public key
     */
    public static TrustStore load(Path dirOrFile) throws KeyFileException {
        Objects.requireNonNull(dirOrFile, "dirOrFile");
        if (!Files.exists(dirOrFile)) {
            throw new KeyFileException(dirOrFile.toString(), "trust store not found");
        }
        List<Path> files = Files.isDirectory(dirOrFile) ? keyFilesIn(dirOrFile) : List.of(dirOrFile);
        List<PublicKey> keys = new ArrayList<>();
        for (Path file : files) {
            keys.add(PemKeys.readPublicKey(file));
        }
        return of(dirOrFile.toString(), keys);
    }

    /**
     * A trust store of the given keys.
     *
     * @param source names the store in messages, usually its path
     * @throws IllegalArgumentException if a key is not of a supported algorithm
     */
    public static TrustStore of(String source, Collection<? extends PublicKey> keys) {
        Objects.requireNonNull(source, "source");
        Map<String, PublicKey> byId = new TreeMap<>();
        for (PublicKey key : keys) {
            byId.put(KeyId.of(key), key);
        }
        return new TrustStore(source, byId);
    }

    /** The trusted key with this id, if any. */
    public Optional<PublicKey> find(String keyId) {
        return Optional.ofNullable(keysById.get(keyId));
    }

    /** The ids of all trusted keys, sorted. */
    public Set<String> keyIds() {
        return keysById.keySet();
    }

    public boolean isEmpty() {
        return keysById.isEmpty();
    }

    /** Where the keys came from, as given to {@link #load} or {@link #of}. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "TrustStore[" + source + ", " + keysById.keySet() + "]";
    }

    private static List<Path> keyFilesIn(Path directory) throws KeyFileException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries
                    .filter(TrustStore::isKeyFileName)
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new KeyFileException(directory.toString(),
                    "cannot list trust store directory (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static boolean isKeyFileName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".pub") || name.endsWith(".pem");
    }
}
