package org.suptools.model.archive;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import org.suptools.model.json.SupJson;
import org.suptools.model.manifest.PayloadFile;

/**
 * The chunk index of a large payload: the SHA-256 of each {@code chunkSize} bytes of it, in
 * order, the last chunk holding what is left. With it a reader checks the chunks on every core
 * at once, where the payload's own SHA-256 can only be computed from its first byte to its last
 * on one (docs/format.md, section 2a).
 *
 * <p>The index is a payload entry of its own, {@code payload/.sup-chunks/<name>.json} for the
 * payload {@code payload/<name>}, listed in the manifest with its size and SHA-256 like any
 * other, so the signatures cover it and a reader of format 1 that does not know it checks it as
 * an ordinary payload: the addition needs no new manifest field, which such a reader would refuse.
 * Its bytes are canonical JSON: {@code {"payload": ..., "chunkSize": ..., "sha256": [...]}}.
 */
public record ChunkIndex(String payload, long chunkSize, List<String> sha256) {

    /** Where the indexes are, among the payload entries; no payload of a spec may be there. */
    public static final String DIRECTORY = PayloadFile.PREFIX + ".sup-chunks/";
    /** The chunk size {@code sup build} writes. */
    public static final long CHUNK_SIZE = 16L * 1024 * 1024;
    /** The smallest chunk size a reader accepts. */
    public static final long MIN_CHUNK_SIZE = 1024 * 1024;
    /** The largest chunk size a reader accepts. */
    public static final long MAX_CHUNK_SIZE = 1024L * 1024 * 1024;
    /** The largest index a reader reads: about 15,000 chunks, 240 GiB at {@link #CHUNK_SIZE}. */
    public static final long MAX_BYTES = 1024 * 1024;

    private static final String SUFFIX = ".json";
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final String PLACEHOLDER_SHA256 = "0".repeat(64);

    public ChunkIndex {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(sha256, "sha256");
        if (!payload.startsWith(PayloadFile.PREFIX) || isIndex(payload)) {
            throw new IllegalArgumentException("payload: '" + payload + "' must name a payload under "
                    + PayloadFile.PREFIX + " outside " + DIRECTORY);
        }
        if (chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE || Long.bitCount(chunkSize) != 1) {
            throw new IllegalArgumentException("chunkSize: " + chunkSize + " is not a power of two from "
                    + MIN_CHUNK_SIZE + " to " + MAX_CHUNK_SIZE);
        }
        for (int i = 0; i < sha256.size(); i++) {
            if (sha256.get(i) == null || !SHA256_HEX.matcher(sha256.get(i)).matches()) {
                throw new IllegalArgumentException("sha256[" + i + "]: is not 64 lowercase hex digits");
            }
        }
        sha256 = Collections.unmodifiableList(List.copyOf(sha256));
    }

    /**
     * Whether {@code sup build} writes an index for a payload: when it has two chunks or more and
     * is STORED, so that a reader can read its chunks where they lie (a DEFLATED payload can only
     * be inflated from its start), and the index's own entry name is one an archive can hold (a
     * payload name of 251 bytes or more would make a segment longer than a Linux name).
     */
    public static boolean wanted(String path, Path file, long size) throws IOException {
        return size > CHUNK_SIZE && EntryNames.problem(entryFor(path)).isEmpty()
                && CompressionPolicy.methodFor(path, file, size) == ZipEntry.STORED;
    }

    /** Whether the entry {@code path} is an index. */
    public static boolean isIndex(String path) {
        return path.startsWith(DIRECTORY);
    }

    /** The entry name of the index of the payload {@code payloadPath}. */
    public static String entryFor(String payloadPath) {
        return DIRECTORY + payloadPath.substring(PayloadFile.PREFIX.length()) + SUFFIX;
    }

    /** The payload the index entry {@code indexPath} is named for, if the name is an index's. */
    public static Optional<String> payloadOf(String indexPath) {
        if (!isIndex(indexPath) || !indexPath.endsWith(SUFFIX) || indexPath.length() == DIRECTORY.length() + SUFFIX.length()) {
            return Optional.empty();
        }
        return Optional.of(PayloadFile.PREFIX + indexPath.substring(DIRECTORY.length(), indexPath.length() - SUFFIX.length()));
    }

    /** How many chunks of {@code chunkSize} bytes a payload of {@code size} bytes has. */
    public static long chunkCount(long size, long chunkSize) {
        return size / chunkSize + (size % chunkSize == 0 ? 0 : 1);
    }

    /** An index of the right length for a payload of {@code size} bytes, with zeros for its digests. */
    public static ChunkIndex placeholder(String payload, long size) {
        return new ChunkIndex(payload, CHUNK_SIZE,
                Collections.nCopies((int) chunkCount(size, CHUNK_SIZE), PLACEHOLDER_SHA256));
    }

    /** Parses index bytes read from a package; a {@link com.fasterxml.jackson.core.JsonProcessingException} says what is wrong. */
    public static ChunkIndex parse(byte[] json) throws IOException {
        return SupJson.json().readValue(json, ChunkIndex.class);
    }

    /** The canonical JSON bytes of the index, as the entry holds them. */
    public byte[] toJson() {
        return SupJson.canonicalBytes(this);
    }

    /** Why the index does not fit a payload of {@code size} bytes, if it does not. */
    public Optional<String> misfit(long size) {
        long expected = chunkCount(size, chunkSize);
        return expected == sha256.size() ? Optional.empty()
                : Optional.of("lists " + sha256.size() + " chunks, but " + size + " bytes make " + expected
                        + " chunks of " + chunkSize);
    }

    /** The offset in the payload of chunk {@code index}. */
    public long start(int index) {
        return index * chunkSize;
    }
}
