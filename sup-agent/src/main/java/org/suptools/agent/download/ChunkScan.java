package org.suptools.agent.download;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import org.suptools.model.InvalidPackageException;
import org.suptools.model.archive.ArchiveLimits;
import org.suptools.model.archive.ChunkIndex;
import org.suptools.model.archive.Sha256;
import org.suptools.model.manifest.Manifest;
import org.suptools.model.manifest.ManifestCodec;
import org.suptools.model.manifest.PayloadFile;

/**
 * Reads a package from its first byte in order, as a stream of pieces, and finds the first chunk
 * of a large payload whose bytes differ from its {@linkplain ChunkIndex chunk index}
 * (docs/format.md, section 2a): where a download that failed its whole-file check can go on from.
 *
 * <p>It reads the local header of each entry, the manifest (the first entry), then each chunk
 * index, whose bytes must have the SHA-256 the manifest declares for it, then each STORED payload
 * that has an index, hashed chunk by chunk. An index precedes its payload in a package
 * {@code sup build} writes ({@code payload/.sup-chunks/} sorts before the names of most payloads);
 * a payload that comes before its index is not checked.
 *
 * <p>It is a check of the transfer, not of the package: the manifest is not authenticated here
 * (the installer checks the signatures and every hash before it changes anything), and whatever
 * it cannot follow (a deflated entry, a data descriptor, a manifest it cannot parse, the central
 * directory) ends the scan for the rest of the file without a verdict. It never throws on what it
 * reads. Memory is bounded: the manifest and each index are kept up to 1 MiB each.
 */
final class ChunkScan {

    private static final int LOCAL_HEADER_SIGNATURE = 0x04034b50;
    private static final int LOCAL_HEADER_BYTES = 30;
    private static final int ENCRYPTED_OR_DESCRIPTOR_FLAGS = 0x1 | 0x8;
    private static final long MAX_32 = 0xFFFFFFFFL;
    private static final short ZIP64_EXTRA_ID = 0x0001;

    private enum State { HEADER, NAME_AND_EXTRA, KEEP, SKIP, CHUNKS, DONE }

    private State state = State.HEADER;
    private final ByteBuffer header = ByteBuffer.allocate(LOCAL_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private ByteBuffer nameAndExtra;
    private int nameLength;
    private int method;
    private long compressedSize32;
    private int entries;
    private String entryName;
    private long dataLeft;
    private long position;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private Map<String, PayloadFile> declared;
    private final Map<String, ChunkIndex> indexes = new HashMap<>();
    private ChunkIndex index;
    private final MessageDigest chunkDigest = Sha256.newDigest();
    private int chunk;
    private long chunkStart;
    private boolean chunkBegun;
    private long chunkLeft;
    private int chunksChecked;

    /**
     * Takes the next bytes of the file.
     *
     * @return the first chunk among them whose SHA-256 differs from its index; the scan ends there
     */
    Optional<DamagedChunk> accept(byte[] bytes, int offset, int length) {
        int at = offset;
        int end = offset + length;
        while (at < end && state != State.DONE) {
            int n = switch (state) {
                case HEADER -> fillHeader(bytes, at, end - at);
                case NAME_AND_EXTRA -> fillNameAndExtra(bytes, at, end - at);
                case KEEP -> keep(bytes, at, end - at);
                case SKIP -> skip(end - at);
                case CHUNKS -> hash(bytes, at, end - at);
                case DONE -> end - at;
            };
            at += n;
            position += n;
            if (state == State.CHUNKS && chunkLeft == 0) {
                Optional<DamagedChunk> bad = endOfChunk();
                if (bad.isPresent()) {
                    return bad;
                }
            }
        }
        return Optional.empty();
    }

    /** How many chunks arrived as their index lists them. */
    int chunksChecked() {
        return chunksChecked;
    }

    /** Whether it still follows the file (false once it met something it cannot follow, or a damaged chunk). */
    boolean following() {
        return state != State.DONE;
    }

    private int fillHeader(byte[] bytes, int at, int available) {
        int n = Math.min(header.remaining(), available);
        header.put(bytes, at, n);
        if (!header.hasRemaining()) {
            readLocalHeader();
        }
        return n;
    }

    private void readLocalHeader() {
        header.flip();
        if (header.getInt(0) != LOCAL_HEADER_SIGNATURE
                || (header.getShort(6) & ENCRYPTED_OR_DESCRIPTOR_FLAGS) != 0) {
            // The central directory, or an entry whose size only the central directory gives.
            state = State.DONE;
            return;
        }
        method = Short.toUnsignedInt(header.getShort(8));
        compressedSize32 = Integer.toUnsignedLong(header.getInt(18));
        nameLength = Short.toUnsignedInt(header.getShort(26));
        int extraLength = Short.toUnsignedInt(header.getShort(28));
        header.clear();
        nameAndExtra = ByteBuffer.allocate(nameLength + extraLength).order(ByteOrder.LITTLE_ENDIAN);
        state = State.NAME_AND_EXTRA;
        if (!nameAndExtra.hasRemaining()) {
            startEntry();
        }
    }

    private int fillNameAndExtra(byte[] bytes, int at, int available) {
        int n = Math.min(nameAndExtra.remaining(), available);
        nameAndExtra.put(bytes, at, n);
        if (!nameAndExtra.hasRemaining()) {
            startEntry();
        }
        return n;
    }

    /** Decides, from the entry's name, method and size, what to do with its data. */
    private void startEntry() {
        entryName = new String(nameAndExtra.array(), 0, nameLength, StandardCharsets.UTF_8);
        Optional<Long> size = compressedSize();
        entries++;
        if (size.isEmpty()) {
            state = State.DONE;
            return;
        }
        dataLeft = size.get();
        boolean stored = method == ZipEntry.STORED;
        if (entries == 1) {
            boolean manifest = entryName.equals(ManifestCodec.ENTRY_NAME) && stored
                    && dataLeft <= ArchiveLimits.DEFAULTS.maxManifestBytes();
            next(manifest ? State.KEEP : State.DONE);
        } else if (declared == null) {
            next(State.DONE);
        } else if (ChunkIndex.isIndex(entryName)) {
            PayloadFile entry = declared.get(entryName);
            boolean usable = stored && entry != null && entry.size() == dataLeft && dataLeft <= ChunkIndex.MAX_BYTES;
            next(usable ? State.KEEP : State.SKIP);
        } else {
            index = indexes.get(entryName);
            PayloadFile entry = declared.get(entryName);
            boolean checked = index != null && stored && entry != null && entry.size() == dataLeft;
            if (checked) {
                chunk = 0;
                startChunk();
            }
            next(checked ? State.CHUNKS : State.SKIP);
        }
    }

    /** The entry's compressed size: from its local header, or from its ZIP64 field when that says 0xFFFFFFFF. */
    private Optional<Long> compressedSize() {
        if (compressedSize32 != MAX_32) {
            return Optional.of(compressedSize32);
        }
        ByteBuffer extra = nameAndExtra.duplicate().order(ByteOrder.LITTLE_ENDIAN).position(nameLength);
        while (extra.remaining() >= 4) {
            short id = extra.getShort();
            int length = Short.toUnsignedInt(extra.getShort());
            if (length > extra.remaining()) {
                return Optional.empty();
            }
            if (id == ZIP64_EXTRA_ID && length >= 16) {
                long compressed = extra.getLong(extra.position() + 8);
                return compressed < 0 ? Optional.empty() : Optional.of(compressed);
            }
            extra.position(extra.position() + length);
        }
        return Optional.empty();
    }

    /** Goes into {@code data} for the entry's data, or on to the next header at once when it has none. */
    private void next(State data) {
        state = data;
        kept.reset();
        if (data != State.DONE && dataLeft == 0) {
            endOfEntry();
        }
    }

    private int keep(byte[] bytes, int at, int available) {
        int n = (int) Math.min(dataLeft, available);
        kept.write(bytes, at, n);
        dataLeft -= n;
        if (dataLeft == 0) {
            endOfEntry();
        }
        return n;
    }

    private int skip(int available) {
        int n = (int) Math.min(dataLeft, available);
        dataLeft -= n;
        if (dataLeft == 0) {
            endOfEntry();
        }
        return n;
    }

    private int hash(byte[] bytes, int at, int available) {
        if (!chunkBegun) {
            // Each state's work starts at the offset of its first byte, which is position.
            chunkStart = position;
            chunkBegun = true;
        }
        int n = (int) Math.min(chunkLeft, available);
        chunkDigest.update(bytes, at, n);
        chunkLeft -= n;
        dataLeft -= n;
        return n;
    }

    private void startChunk() {
        chunkBegun = false;
        chunkLeft = Math.min(index.chunkSize(), dataLeft);
    }

    private Optional<DamagedChunk> endOfChunk() {
        String actual = Sha256.hex(chunkDigest.digest());
        String expected = index.sha256().get(chunk);
        if (!actual.equals(expected)) {
            state = State.DONE;
            return Optional.of(new DamagedChunk(entryName, chunk, chunkStart, actual, expected));
        }
        chunksChecked++;
        chunk++;
        if (dataLeft == 0) {
            endOfEntry();
        } else {
            startChunk();
        }
        return Optional.empty();
    }

    /** What the entry's data was, when it was kept; then the next local header. */
    private void endOfEntry() {
        State was = state;
        state = State.HEADER;
        if (was != State.KEEP) {
            return;
        }
        byte[] data = kept.toByteArray();
        kept.reset();
        if (entries == 1) {
            readManifest(data);
        } else {
            readIndex(data);
        }
    }

    private void readManifest(byte[] data) {
        try {
            Manifest manifest = ManifestCodec.parse(data, "the package being downloaded");
            declared = new HashMap<>();
            for (PayloadFile payload : manifest.payloads()) {
                declared.put(payload.path(), payload);
            }
        } catch (InvalidPackageException | RuntimeException e) {
            // Not a manifest this agent can read: the installer will say why; nothing to check here.
            state = State.DONE;
        }
    }

    private void readIndex(byte[] data) {
        if (!Sha256.of(data).equals(declared.get(entryName).sha256())) {
            return;
        }
        try {
            ChunkIndex parsed = ChunkIndex.parse(data);
            Optional<String> payload = ChunkIndex.payloadOf(entryName);
            PayloadFile indexed = payload.map(declared::get).orElse(null);
            if (indexed != null && parsed.payload().equals(indexed.path()) && parsed.misfit(indexed.size()).isEmpty()) {
                indexes.put(indexed.path(), parsed);
            }
        } catch (IOException | RuntimeException e) {
            // An index that does not parse is the installer's to refuse; its payload is not checked here.
        }
    }
}
