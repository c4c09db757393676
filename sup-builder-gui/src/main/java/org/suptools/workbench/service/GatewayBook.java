package org.suptools.workbench.service;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.suptools.model.json.SupJson;

/**
 * The gateways the Packages tab knows, kept in the user's config folder: {@code gateways.json}
 * (names, addresses, trusted fingerprints) and one token file per gateway under {@code tokens/},
 * readable by the user only (0600, in a 0700 folder). An operating system keyring would be better,
 * but plain Java reaches none; docs/security.md says what the file protects and what not.
 */
public final class GatewayBook {

    static final String LIST = "gateways.json";
    static final String TOKENS = "tokens";
    private static final long MAX_TOKEN_BYTES = 4096;

    private final Path dir;

    public GatewayBook(Path dir) {
        this.dir = dir;
    }

    /** {@code $XDG_CONFIG_HOME/sup-workbench}, else {@code ~/.config/sup-workbench}. */
    public static GatewayBook inUserConfig() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return new GatewayBook(base.resolve("sup-workbench"));
    }

    public Path dir() {
        return dir;
    }

    /** The saved gateways, by name; none when nothing was saved. */
    public List<GatewayEntry> list() throws IOException {
        Path file = dir.resolve(LIST);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            List<GatewayEntry> entries = SupJson.json().readValue(file.toFile(), new TypeReference<List<GatewayEntry>>() {
            });
            return entries.stream().sorted(Comparator.comparing(GatewayEntry::name)).toList();
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": cannot be read as a list of gateways: " + e.getMessage(), e);
        }
    }

    /** Adds or replaces the gateway of this name, and its token. */
    public void save(GatewayEntry entry, String token) throws IOException {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("token: is required (the agent's manage token)");
        }
        List<GatewayEntry> entries = new ArrayList<>(list());
        entries.removeIf(e -> e.name().equals(entry.name()));
        entries.add(entry);
        writeToken(entry.name(), token.strip());
        write(entries);
    }

    public void remove(String name) throws IOException {
        List<GatewayEntry> entries = new ArrayList<>(list());
        entries.removeIf(e -> e.name().equals(name));
        write(entries);
        Files.deleteIfExists(tokenFile(name));
    }

    public Optional<String> token(String name) throws IOException {
        Path file = tokenFile(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        if (Files.size(file) > MAX_TOKEN_BYTES) {
            throw new IOException(file + ": larger than " + MAX_TOKEN_BYTES + " bytes; not a token");
        }
        return Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().map(String::strip);
    }

    Path tokenFile(String name) {
        if (!GatewayEntry.NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: not a gateway name: '" + name + "'");
        }
        return dir.resolve(TOKENS).resolve(name + ".token");
    }

    private void writeToken(String name, String token) throws IOException {
        Path tokens = dir.resolve(TOKENS);
        if (!Files.isDirectory(tokens)) {
            Files.createDirectories(tokens, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Path file = tokenFile(name);
        Path part = tokens.resolve(name + ".token.part");
        Files.deleteIfExists(part);
        // Created with its mode, so the token is never readable by others, not even for a moment.
        Files.createFile(part, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(part, token + "\n", StandardCharsets.UTF_8);
        Files.move(part, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private void write(List<GatewayEntry> entries) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(LIST);
        Path part = dir.resolve(LIST + ".part");
        Files.write(part, SupJson.json().writerWithDefaultPrettyPrinter().writeValueAsBytes(entries));
        Files.move(part, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
