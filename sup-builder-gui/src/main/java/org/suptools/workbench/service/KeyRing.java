package org.suptools.workbench.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.suptools.model.json.SupJson;
import org.suptools.model.signing.KeyAlgorithm;
import org.suptools.model.signing.KeyFileException;
import org.suptools.model.signing.KeyFiles;
import org.suptools.model.signing.KeyId;
import org.suptools.model.signing.KeyPairs;
import org.suptools.model.signing.PemKeys;

/**
 * The Workbench's signing keys, remembered across sessions in {@code keys.json} in its config
 * folder (the one {@link GatewayBook#inUserConfig()} uses): each key's private key file, key id,
 * algorithm, label and whether it signs the next build. A key added from elsewhere stays where it
 * is; only keys made here are written, by default under {@code keys/} in that folder. Everything
 * written is the user's only (files 0600, folders 0700), and {@code keys.json} is replaced whole
 * in one atomic move, so a crash leaves the old list or the new one. A key is made off the UI
 * thread while the user may tick another, so each change reads and writes the list under one lock (the key itself is made outside it).
 */
public final class KeyRing {

    static final String LIST = "keys.json";
    static final String KEYS = "keys";
    private static final FileAttribute<?> OWNER_ONLY_FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final FileAttribute<?> OWNER_ONLY_FOLDER =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private final Path dir;
    private List<SigningKeyEntry> session = List.of();

    /** Keys in {@code dir/keys.json}; {@code null} remembers them for the session only. */
    public KeyRing(Path dir) {
        this.dir = dir;
    }

    /** Remembers for the session only, and has no folder of its own for new keys: for tests. */
    public static KeyRing inMemory() {
        return new KeyRing(null);
    }

    /** Kept next to the gateways, in {@code $XDG_CONFIG_HOME/sup-workbench} or {@code ~/.config/sup-workbench}. */
    public static KeyRing inUserConfig() {
        return new KeyRing(GatewayBook.inUserConfig().dir());
    }

    /** Where new keys go unless the user chooses another place: {@code keys/} in the config folder. */
    public Optional<Path> keysFolder() {
        return Optional.ofNullable(dir).map(d -> d.resolve(KEYS));
    }

    /** The remembered keys, in the order they were added. */
    public synchronized List<SigningKeyEntry> list() throws IOException {
        if (dir == null) {
            return session;
        }
        Path file = dir.resolve(LIST);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            JsonNode root = SupJson.json().readTree(file.toFile());
            if (root == null || !root.isArray()) {
                throw new IllegalArgumentException("not a JSON list");
            }
            List<SigningKeyEntry> keys = new ArrayList<>();
            for (int i = 0; i < root.size(); i++) {
                keys.add(entry(root.get(i), "[" + i + "]"));
            }
            return List.copyOf(keys);
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": cannot be read as a list of signing keys: " + e.getMessage(), e);
        }
    }

    private static SigningKeyEntry entry(JsonNode node, String at) {
        String algorithm = text(node, "algorithm", at);
        return new SigningKeyEntry(Path.of(text(node, "file", at)), text(node, "keyId", at),
                KeyAlgorithm.forId(algorithm).orElseThrow(() -> new IllegalArgumentException(
                        at + ".algorithm: unknown '" + algorithm + "' (known: ed25519, ecdsa-p256, rsa-pss)")),
                text(node, "label", at), node.path("signs").asBoolean(false));
    }

    private static String text(JsonNode node, String field, String at) {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw new IllegalArgumentException(at + "." + field + ": is required (a string)");
        }
        return value.asText();
    }

    /**
     * Remembers an existing private key file after reading it; it signs the next build. A file that
     * is no usable private key, or a key already remembered, is refused and nothing is remembered.
     *
     * @throws KeyFileException naming the file when it is no usable private key
     */
    public SigningKeyEntry add(Path privateKey, String label) throws IOException {
        Path file = privateKey.toAbsolutePath().normalize();
        PrivateKey key = PemKeys.readPrivateKey(file);
        return remember(new SigningKeyEntry(file, KeyId.of(PemKeys.publicKeyOf(key)), KeyAlgorithm.of(key), label, true));
    }

    /**
     * Makes a key pair as {@code sup keygen} does, {@code base.key} (0600) and {@code base.pub},
     * never overwriting a file, and remembers it; it signs the next build.
     *
     * @throws FileAlreadyExistsException if either file exists; nothing is written then
     */
    public SigningKeyEntry create(Path base, KeyAlgorithm algorithm, String label) throws IOException {
        String checkedLabel = SigningKeyEntry.label(label);
        Path absolute = base.toAbsolutePath().normalize();
        createFolder(absolute.getParent());
        KeyPair pair = KeyPairs.generate(algorithm);
        KeyFiles.Written written = KeyFiles.write(absolute, pair);
        return remember(new SigningKeyEntry(written.privateKeyFile(), KeyId.of(pair.getPublic()), algorithm,
                checkedLabel, true));
    }

    /**
     * A free place for a new key named after its label: {@code keys/LABEL} in the config folder,
     * with {@code -2}, {@code -3}... when {@code .key} or {@code .pub} of that name exists.
     */
    public Optional<Path> suggestedBase(String label) {
        return keysFolder().map(folder -> {
            String name = fileName(label);
            Path base = folder.resolve(name);
            for (int n = 2; taken(base); n++) {
                base = folder.resolve(name + "-" + n);
            }
            return base;
        });
    }

    private static boolean taken(Path base) {
        return Files.exists(base.resolveSibling(base.getFileName() + KeyFiles.PRIVATE_SUFFIX), LinkOption.NOFOLLOW_LINKS)
                || Files.exists(base.resolveSibling(base.getFileName() + KeyFiles.PUBLIC_SUFFIX), LinkOption.NOFOLLOW_LINKS);
    }

    static String fileName(String label) {
        String name = label == null ? "" : label.strip().toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[-.]+|-+$", "");
        return name.isEmpty() ? "signing-key" : name.substring(0, Math.min(64, name.length()));
    }

    /** Forgets the key of this file; the file itself is left alone. */
    public synchronized List<SigningKeyEntry> forget(Path file) throws IOException {
        List<SigningKeyEntry> keys = new ArrayList<>(list());
        keys.removeIf(k -> k.file().equals(file));
        return write(keys);
    }

    /** Remembers whether the key of this file signs the next build. */
    public synchronized List<SigningKeyEntry> setSigning(Path file, boolean signs) throws IOException {
        List<SigningKeyEntry> keys = new ArrayList<>(list());
        keys.replaceAll(k -> k.file().equals(file) ? k.signing(signs) : k);
        return write(keys);
    }

    /** Whether the file still holds the remembered key. */
    public static KeyFileState check(SigningKeyEntry key) {
        if (!Files.exists(key.file())) {
            return new KeyFileState(KeyFileState.Kind.MISSING, "");
        }
        try {
            String now = KeyId.of(PemKeys.publicKeyOf(PemKeys.readPrivateKey(key.file())));
            return now.equals(key.keyId()) ? KeyFileState.READY
                    : new KeyFileState(KeyFileState.Kind.CHANGED, "the file holds key " + now + " now");
        } catch (KeyFileException e) {
            String problem = e.getMessage().startsWith(key.file() + ": ")
                    ? e.getMessage().substring(key.file().toString().length() + 2) : e.getMessage();
            return new KeyFileState(KeyFileState.Kind.UNREADABLE, problem);
        } catch (RuntimeException e) {
            return new KeyFileState(KeyFileState.Kind.UNREADABLE, String.valueOf(e.getMessage()));
        }
    }

    /**
     * The key's public half as PEM ({@code PUBLIC KEY}), computed from its private key file, for a
     * gateway's trust store.
     *
     * @throws KeyFileException if the file is gone, unreadable or holds another key now
     */
    public static String publicKeyPem(SigningKeyEntry key) throws KeyFileException {
        KeyFileState state = check(key);
        if (!state.ready()) {
            throw new KeyFileException(key.file().toString(), "key " + key.keyId() + " (" + key.label() + "): "
                    + state.shown());
        }
        PublicKey publicKey = PemKeys.publicKeyOf(PemKeys.readPrivateKey(key.file()));
        return PemKeys.toPem(publicKey);
    }

    /** Writes the key's public half to a file (replacing it: a public key is no secret), atomically. */
    public static void exportPublicKey(SigningKeyEntry key, Path to) throws IOException {
        String pem = publicKeyPem(key);
        Path target = to.toAbsolutePath();
        Path part = target.resolveSibling(target.getFileName() + ".part");
        Files.writeString(part, pem, StandardCharsets.US_ASCII);
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private synchronized SigningKeyEntry remember(SigningKeyEntry key) throws IOException {
        List<SigningKeyEntry> keys = new ArrayList<>(list());
        for (SigningKeyEntry known : keys) {
            if (known.keyId().equals(key.keyId())) {
                throw new KeyFileException(key.file().toString(), "key " + key.keyId() + " is already in the list as '"
                        + known.label() + "' (" + known.file() + ")");
            }
        }
        keys.add(key);
        write(keys);
        return key;
    }

    private List<SigningKeyEntry> write(List<SigningKeyEntry> keys) throws IOException {
        List<SigningKeyEntry> kept = List.copyOf(keys);
        if (dir == null) {
            session = kept;
            return kept;
        }
        createFolder(dir);
        ownerOnly(dir);
        ArrayNode root = SupJson.json().createArrayNode();
        for (SigningKeyEntry key : kept) {
            ObjectNode node = root.addObject();
            node.put("file", key.file().toString());
            node.put("keyId", key.keyId());
            node.put("algorithm", key.algorithm().id());
            node.put("label", key.label());
            node.put("signs", key.signs());
        }
        Path part = dir.resolve(LIST + ".part");
        Files.deleteIfExists(part);
        // Created with its mode: which keys the user signs with is nobody else's business.
        Files.createFile(part, ownerOnly(part, OWNER_ONLY_FILE));
        Files.write(part, SupJson.json().writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        Files.move(part, dir.resolve(LIST), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return kept;
    }

    /** Creates a missing folder (and its missing parents) for the user only; an existing one is left as it is. */
    private static void createFolder(Path folder) throws IOException {
        if (folder == null || Files.isDirectory(folder)) {
            return;
        }
        createFolder(folder.getParent());
        Files.createDirectory(folder, ownerOnly(folder, OWNER_ONLY_FOLDER));
    }

    /**
     * The Workbench's own config folder is made the user's only even when something else (the
     * recent files, say) created it first with the umask's mode: which keys sign is listed in it.
     */
    private static void ownerOnly(Path folder) throws IOException {
        if (folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path path, FileAttribute<?> attribute) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {attribute} : new FileAttribute<?>[0];
    }
}
