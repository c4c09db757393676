package org.suptools.portal.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.suptools.portal.store.DataDir;
import org.suptools.portal.store.FileStore;
import org.suptools.portal.store.Names;
import org.suptools.portal.store.StoredFile;

/**
 * The Developer Files page: each file with its size and upload time and, for a {@code .sup}, the package's
 * name, version and signers (or why it cannot be read); and the upload, streamed from the request to a file
 * in the data directory, checked, then handed to the same {@link FileStore} that {@code file upload} uses.
 */
final class DeveloperFiles {

    /** The largest upload the console takes; a bigger body is refused before it fills the disk. */
    static final long MAX_UPLOAD_BYTES = 2L * 1024 * 1024 * 1024;

    private final DataDir data;
    private final FileStore store;
    private final ObjectMapper json;
    /** By blob: a blob's bytes never change (a new upload writes a new blob), so neither do its facts. */
    private final Map<String, ObjectNode> facts = new ConcurrentHashMap<>();

    DeveloperFiles(DataDir data, ObjectMapper json, Clock clock) {
        this.data = data;
        this.store = FileStore.developerFiles(data, clock);
        this.json = json;
    }

    ArrayNode all() {
        ArrayNode list = json.createArrayNode();
        store.all().forEach(file -> list.add(view(file)));
        return list;
    }

    /**
     * Stores the body as the Developer File {@code name}. A {@code .sup} must be one the portal can read, so a
     * campaign never offers a broken package.
     *
     * @throws IllegalArgumentException naming the field for a bad name, a body over the limit, or a .sup that
     *     is not readable
     */
    ObjectNode upload(String name, InputStream body) {
        Names.fileName("name", name);
        Path incoming = data.resolve("console-uploads");
        Path temp;
        try {
            Files.createDirectories(incoming);
            temp = Files.createTempFile(incoming, ".upload-", ".part");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot take an upload in " + incoming + ": " + e.getMessage(), e);
        }
        try {
            copyAtMost(body, temp, name);
            if (name.endsWith(".sup")) {
                SupFacts.read(temp, name);
            }
            return view(store.upload(temp, name));
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // A leftover part file in console-uploads wastes space but breaks nothing.
            }
        }
    }

    /**
     * Refuses a campaign's file that is a .sup the portal cannot read (one uploaded with {@code file upload},
     * which stores any bytes); {@code Campaigns#create} itself refuses a missing file or another extension.
     *
     * @throws IllegalArgumentException naming the field {@code file}
     */
    void requireReadable(String name) {
        store.find(name).filter(StoredFile::isSup).map(this::view).filter(view -> view.has("problem"))
                .ifPresent(view -> {
                    throw new IllegalArgumentException("file: " + view.get("problem").asText());
                });
    }

    private ObjectNode view(StoredFile file) {
        ObjectNode node = json.createObjectNode().put("name", file.name()).put("size", file.size())
                .put("crc32", file.crc32()).put("uploadedOn", file.uploadedOn().toString())
                .put("sup", file.isSup());
        if (file.isSup()) {
            node.setAll(facts.computeIfAbsent(file.blob(), blob -> supFacts(file)));
        }
        return node;
    }

    private ObjectNode supFacts(StoredFile file) {
        ObjectNode node = json.createObjectNode();
        try {
            SupFacts read = SupFacts.read(store.bytes(file), file.name());
            node.put("packageName", read.name()).put("version", read.version());
            node.set("signers", json.valueToTree(read.signers()));
        } catch (IllegalArgumentException e) {
            node.put("problem", e.getMessage());
        }
        return node;
    }

    private static void copyAtMost(InputStream body, Path to, String name) {
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(to, StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int n; (n = body.read(buffer)) > 0;) {
                total += n;
                if (total > MAX_UPLOAD_BYTES) {
                    throw new IllegalArgumentException(name + ": larger than the console's upload limit of "
                            + MAX_UPLOAD_BYTES + " bytes (use sup-portal file upload)");
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot take the upload of " + name + ": " + e.getMessage(), e);
        }
    }
}
