package org.suptools.model.archive;

import static org.suptools.model.InvalidPackageException.Reason.COMPRESSION_RATIO;
import static org.suptools.model.InvalidPackageException.Reason.DUPLICATE_ENTRY;
import static org.suptools.model.InvalidPackageException.Reason.INVALID_MANIFEST;
import static org.suptools.model.InvalidPackageException.Reason.MANIFEST_TOO_LARGE;
import static org.suptools.model.InvalidPackageException.Reason.MISSING_PAYLOAD;
import static org.suptools.model.InvalidPackageException.Reason.NOT_A_ZIP;
import static org.suptools.model.InvalidPackageException.Reason.SIZE_MISMATCH;
import static org.suptools.model.InvalidPackageException.Reason.TRUNCATED;
import static org.suptools.model.InvalidPackageException.Reason.UNLISTED_ENTRY;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.suptools.model.InvalidPackageException;
import org.suptools.model.InvalidPackageException.Reason;
import org.suptools.model.manifest.PayloadFile;
import org.suptools.model.problem.FileReasons;

/**
 * An open .sup archive, read through its ZIP central directory.
 *
 * <p>{@link #open} refuses, before any payload is used, a file that is not a ZIP, a truncated or
 * damaged one, unsafe or duplicate entry names, entries that are not regular files (symbolic
 * links, directories, devices), encrypted entries or compression methods other than STORED and
 * DEFLATED, a first entry other than {@code manifest.json}, a misplaced {@code signatures.json},
 * entries outside {@code payload/}, more entries than {@link ArchiveLimits#maxEntries()} (checked
 * before the central directory is loaded), entries that share bytes with each other or with the
 * central directory ({@link EntryRanges}), entries that declare more than the compression ratio
 * limit times the file's size in all, and a manifest or signature file above its size limit. The manifest and signatures are then held in memory (they are small by that limit);
 * payloads are only ever streamed, so memory use does not grow with their size.
 *
 * <p>The caller parses the manifest and hands its payload list back to {@link #checkContents},
 * {@link #verifyPayloads} or {@link #openPayload}. Sizes recorded in the central directory are
 * only used to refuse early; they are never trusted to bound the work: every payload stream
 * stops one byte past the size the (signed) manifest declares.
 *
 * <p>Every refusal is an {@link InvalidPackageException} whose message is one line naming the
 * file and the entry. Not thread-safe for concurrent payload streams.
 */
public final class SupArchive implements AutoCloseable {

    private static final byte[] LOCAL_HEADER = {'P', 'K', 3, 4};
    private static final byte[] EMPTY_ARCHIVE = {'P', 'K', 5, 6};

    private final Path file;
    private final ArchiveLimits limits;
    private final ZipFile zip;
    private final Map<String, ZipArchiveEntry> payloads;
    private final Map<String, Long> dataStarts;
    private final byte[] manifest;
    private final byte[] signatures;

    private SupArchive(Path file, ArchiveLimits limits, ZipFile zip, Map<String, ZipArchiveEntry> payloads,
                       Map<String, Long> dataStarts, byte[] manifest, byte[] signatures) {
        this.file = file;
        this.limits = limits;
        this.zip = zip;
        this.payloads = payloads;
        this.dataStarts = dataStarts;
        this.manifest = manifest;
        this.signatures = signatures;
    }

    /** Opens {@code file} with {@link ArchiveLimits#DEFAULTS}. */
    public static SupArchive open(Path file) throws IOException, InvalidPackageException {
        return open(file, ArchiveLimits.DEFAULTS);
    }

    /**
     * Opens {@code file} and checks its structure (see the class description).
     *
     * @throws InvalidPackageException if the structure is refused
     * @throws IOException             if the file cannot be read at all (missing, unreadable)
     */
    public static SupArchive open(Path file, ArchiveLimits limits) throws IOException, InvalidPackageException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(limits, "limits");
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new FileSystemException(file.toString(), null, FileReasons.whatItIs(file) + ", not a package file");
        }
        checkMagic(file);
        long centralDirectory = CentralDirectoryBounds.check(file, limits.maxEntries());
        ZipFile zip = openZip(file);
        try {
            List<ZipArchiveEntry> entries = Collections.list(zip.getEntriesInPhysicalOrder());
            new EntryRules(file).check(entries);
            Map<String, Long> dataStarts = EntryRanges.check(file, entries, centralDirectory);
            checkTotalSize(file, entries, limits);
            byte[] manifest = readSmall(file, zip, entries.get(0), limits.maxManifestBytes());
            byte[] signatures = null;
            Map<String, ZipArchiveEntry> payloads = new LinkedHashMap<>();
            for (ZipArchiveEntry entry : entries.subList(1, entries.size())) {
                if (entry.getName().equals(EntryNames.SIGNATURES)) {
                    signatures = readSmall(file, zip, entry, limits.maxSignaturesBytes());
                } else {
                    payloads.put(entry.getName(), entry);
                }
            }
            return new SupArchive(file, limits, zip, Collections.unmodifiableMap(payloads), Map.copyOf(dataStarts),
                    manifest, signatures);
        } catch (InvalidPackageException | IOException | RuntimeException | Error e) {
            try {
                zip.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * The work a package can cost is bounded by its size: all its entries together may declare no
     * more than {@link ArchiveLimits#maxCompressionRatio()} times the file's size once above
     * {@link ArchiveLimits#ratioThresholdBytes()}, whatever each entry's own ratio (entries up to
     * that threshold are exempt one by one, not all together).
     */
    private static void checkTotalSize(Path file, List<ZipArchiveEntry> entries, ArchiveLimits limits)
            throws IOException, InvalidPackageException {
        long total = 0;
        for (ZipArchiveEntry entry : entries) {
            total = entry.getSize() < 0 || total > Long.MAX_VALUE - entry.getSize() ? Long.MAX_VALUE
                    : total + entry.getSize();
        }
        long fileSize = Files.size(file);
        if (limits.ratioExceeded(total, fileSize)) {
            throw new InvalidPackageException(COMPRESSION_RATIO, file + ": its entries declare " + total
                    + " bytes in all, more than " + limits.maxCompressionRatio() + " times the file's " + fileSize
                    + " bytes, the ratio limit for a whole package");
        }
    }

    private static void checkMagic(Path file) throws IOException, InvalidPackageException {
        byte[] magic;
        try (InputStream in = Files.newInputStream(file)) {
            magic = in.readNBytes(LOCAL_HEADER.length);
        }
        if (magic.length == 0) {
            throw new InvalidPackageException(NOT_A_ZIP, file + ": is empty, not a ZIP archive");
        }
        if (!Arrays.equals(magic, LOCAL_HEADER) && !Arrays.equals(magic, EMPTY_ARCHIVE)) {
            throw new InvalidPackageException(NOT_A_ZIP, file + ": is not a ZIP archive (no ZIP signature at its start)");
        }
    }

    private static ZipFile openZip(Path file) throws InvalidPackageException {
        try {
            return ZipFile.builder()
                    .setPath(file)
                    // Info-ZIP Unicode path fields could name an entry differently from its header.
                    .setUseUnicodeExtraFields(false)
                    .get();
        } catch (IOException | RuntimeException e) {
            // Commons Compress says "Error reading Zip content from <file>"; its cause says what is wrong.
            Throwable reason = e;
            while (reason.getCause() != null && reason.getCause().getMessage() != null) {
                reason = reason.getCause();
            }
            throw new InvalidPackageException(TRUNCATED, file + ": is truncated or damaged: cannot read its ZIP "
                    + "central directory (" + reason.getMessage() + ")", e);
        }
    }

    /** The whole of a small entry, refused above {@code max} bytes whether declared or actual. */
    private static byte[] readSmall(Path file, ZipFile zip, ZipArchiveEntry entry, long max)
            throws IOException, InvalidPackageException {
        String where = file + ": entry " + EntryNames.quoted(entry.getName());
        if (entry.getSize() > max) {
            throw new InvalidPackageException(MANIFEST_TOO_LARGE, where + " declares " + entry.getSize()
                    + " bytes, more than the limit of " + max);
        }
        byte[] bytes;
        try (InputStream in = zip.getInputStream(entry)) {
            bytes = in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
        } catch (ZipException | EOFException e) {
            throw new InvalidPackageException(TRUNCATED, where + " is damaged: " + e.getMessage(), e);
        }
        if (bytes.length > max) {
            throw new InvalidPackageException(MANIFEST_TOO_LARGE, where + " holds more than the limit of " + max + " bytes");
        }
        if (bytes.length != entry.getSize()) {
            throw new InvalidPackageException(SIZE_MISMATCH, where + " holds " + bytes.length
                    + " bytes, but the ZIP directory says " + entry.getSize());
        }
        return bytes;
    }

    /** The archive file. */
    public Path file() {
        return file;
    }

    /** The exact bytes of {@code manifest.json} (a copy). */
    public byte[] manifestBytes() {
        return manifest.clone();
    }

    /** The exact bytes of {@code signatures.json} (a copy), if the package has one. */
    public Optional<byte[]> signatureBytes() {
        return Optional.ofNullable(signatures).map(byte[]::clone);
    }

    /** The names of the payload entries, in archive order. */
    public List<String> payloadNames() {
        return List.copyOf(payloads.keySet());
    }

    /** The sum of the payload entries' uncompressed sizes, as the ZIP directory records them. */
    public long totalPayloadBytes() {
        return payloads.values().stream().mapToLong(ZipArchiveEntry::getSize).sum();
    }

    /**
     * Checks the payload entries against the manifest's list, from the ZIP directory alone: every
     * payload entry is declared ({@code UNLISTED_ENTRY}), every declared payload is present
     * ({@code MISSING_PAYLOAD}), sizes agree ({@code SIZE_MISMATCH}), and no entry above
     * {@link ArchiveLimits#ratioThresholdBytes()} claims a compression ratio above the limit
     * ({@code COMPRESSION_RATIO}). A list naming a path twice is refused ({@code DUPLICATE_ENTRY}).
     */
    public void checkContents(List<PayloadFile> declared) throws InvalidPackageException {
        Map<String, PayloadFile> byPath = byPath(declared);
        for (String name : payloads.keySet()) {
            if (!byPath.containsKey(name)) {
                throw refuse(UNLISTED_ENTRY, name, "is not listed in the manifest");
            }
        }
        for (PayloadFile payload : declared) {
            entryFor(payload);
        }
    }

    /**
     * Runs {@link #checkContents}, then streams every declared payload in archive order and
     * checks its length and SHA-256 against the declaration: longer is {@code PAYLOAD_TOO_LONG}
     * (reading stops one byte past the declared size, whatever the ZIP directory says), shorter is
     * {@code SIZE_MISMATCH}, a different hash {@code HASH_MISMATCH}, corrupt compressed data
     * {@code TRUNCATED}. The compression ratio is also enforced on the bytes actually read and
     * decompressed ({@code COMPRESSION_RATIO}); the declared-size cap bounds the work in any case.
     *
     * <p>The chunk indexes ({@link ChunkIndex}) among the payloads are read and checked first
     * ({@code INVALID_MANIFEST} when one is not an index of the payload it is named for). A STORED
     * payload with an index is then checked by its chunks, on every core ({@link ChunkCheck}),
     * instead of by its whole SHA-256; the installer's {@link #readThrough} checks that one.
     *
     * @param progress told of payload bytes verified, out of the declared total
     * @throws IOException if the file cannot be read
     */
    public void verifyPayloads(List<PayloadFile> declared, ProgressListener progress)
            throws IOException, InvalidPackageException {
        checkContents(declared);
        Map<String, ChunkIndex> indexes = readChunkIndexes(declared);
        ProgressReporter reporter = reporterFor(declared, progress);
        SequentialRead read = null;
        try {
            for (PayloadFile payload : inArchiveOrder(declared)) {
                ChunkIndex index = indexes.get(payload.path());
                if (ChunkIndex.isIndex(payload.path())) {
                    reporter.add(payload.size());
                } else if (index != null) {
                    read = closed(read);
                    ChunkCheck.check(file, dataStarts.get(payload.path()), payload, index, reporter);
                } else {
                    if (read == null) {
                        read = SequentialRead.openAt(file, dataStarts.get(payload.path()));
                    }
                    stream(read, payload, PayloadSink.CHECK_ONLY, reporter);
                }
            }
        } finally {
            closed(read);
        }
        reporter.finish();
    }

    /**
     * Reads and checks every chunk index entry ({@link ChunkIndex}) the manifest lists, as any
     * payload is checked, then as an index of the payload it is named for; returns the indexes of
     * the STORED payloads, by payload path. An index that is not one is refused as the manifest
     * would be ({@code INVALID_MANIFEST}): the signer vouched for it.
     */
    private Map<String, ChunkIndex> readChunkIndexes(List<PayloadFile> declared)
            throws IOException, InvalidPackageException {
        Map<String, PayloadFile> byPath = byPath(declared);
        Map<String, ChunkIndex> indexes = new HashMap<>();
        for (PayloadFile entry : declared) {
            if (!ChunkIndex.isIndex(entry.path())) {
                continue;
            }
            PayloadFile payload = ChunkIndex.payloadOf(entry.path()).map(byPath::get).orElse(null);
            if (payload == null) {
                throw refuse(INVALID_MANIFEST, entry.path(), "is in " + ChunkIndex.DIRECTORY
                        + " but is not named for a payload the manifest lists");
            }
            if (entry.size() > ChunkIndex.MAX_BYTES) {
                throw refuse(INVALID_MANIFEST, entry.path(), "is a chunk index of " + entry.size()
                        + " bytes, more than the limit of " + ChunkIndex.MAX_BYTES);
            }
            ChunkIndex index = parseChunkIndex(entry);
            if (!index.payload().equals(payload.path())) {
                throw refuse(INVALID_MANIFEST, entry.path(), "indexes " + EntryNames.quoted(index.payload())
                        + ", but is named for " + EntryNames.quoted(payload.path()));
            }
            Optional<String> misfit = index.misfit(payload.size());
            if (misfit.isPresent()) {
                throw refuse(INVALID_MANIFEST, entry.path(), misfit.get());
            }
            if (payloads.get(payload.path()).getMethod() == ZipEntry.STORED) {
                indexes.put(payload.path(), index);
            }
        }
        return indexes;
    }

    private ChunkIndex parseChunkIndex(PayloadFile entry) throws IOException, InvalidPackageException {
        byte[] bytes;
        try (InputStream in = openPayload(entry)) {
            bytes = in.readAllBytes();
        } catch (PayloadVerificationException e) {
            throw e.invalidPackage();
        }
        try {
            return ChunkIndex.parse(bytes);
        } catch (JsonProcessingException e) {
            throw refuse(INVALID_MANIFEST, entry.path(), "is not a chunk index: " + e.getOriginalMessage().lines()
                    .findFirst().orElse("unreadable"));
        }
    }

    private static SequentialRead closed(SequentialRead read) throws IOException {
        if (read != null) {
            read.close();
        }
        return null;
    }

    /**
     * Reads the whole file once, from its first byte to its last, and returns its SHA-256, while
     * every declared payload is streamed to {@code sink} in archive order and checked as
     * {@link #verifyPayloads} checks it. So a caller that needs the file's hash (for its reports)
     * and the payloads (to stage them) reads each byte once. The payload bytes come straight from
     * the file (inflated when DEFLATED), not through the ZIP library's streams.
     *
     * @param sink     given each payload's verified stream; what it leaves unread is read and checked after it
     * @param progress told of payload bytes verified, out of the declared total
     * @return the lowercase hex SHA-256 of the whole file
     * @throws InvalidPackageException the first payload refused; the sink has seen it fail
     */
    public String readThrough(List<PayloadFile> declared, PayloadSink sink, ProgressListener progress)
            throws IOException, InvalidPackageException {
        Objects.requireNonNull(sink, "sink");
        checkContents(declared);
        ProgressReporter reporter = reporterFor(declared, progress);
        try (SequentialRead read = SequentialRead.open(file, true)) {
            for (PayloadFile payload : inArchiveOrder(declared)) {
                stream(read, payload, sink, reporter);
            }
            reporter.finish();
            return read.finish().orElseThrow();
        }
    }

    /** Streams one payload from where {@code read} is (at or before its data) to {@code sink}, checked. */
    private void stream(SequentialRead read, PayloadFile payload, PayloadSink sink, ProgressReporter reporter)
            throws IOException, InvalidPackageException {
        ZipArchiveEntry entry = entryFor(payload);
        read.skipTo(dataStarts.get(payload.path()));
        InputStream raw = read.next(entry.getCompressedSize());
        InputStream data = entry.getMethod() == ZipEntry.STORED ? raw : new RawInflatingStream(raw);
        try (PayloadContent content = new PayloadContent(
                new VerifyingPayloadStream(data, payload, limits, file.toString()), reporter)) {
            sink.accept(payload, content);
            while (content.nextChunk() != null) {
                // What the sink left is read, so that its size and hash are checked too.
            }
        } catch (PayloadVerificationException e) {
            throw e.invalidPackage();
        }
    }

    private List<PayloadFile> inArchiveOrder(List<PayloadFile> declared) {
        List<PayloadFile> inArchiveOrder = new ArrayList<>(declared);
        inArchiveOrder.sort(Comparator.comparing(payload -> dataStarts.get(payload.path())));
        return inArchiveOrder;
    }

    private static ProgressReporter reporterFor(List<PayloadFile> declared, ProgressListener progress) {
        return new ProgressReporter(progress, declared.stream().mapToLong(PayloadFile::size).sum());
    }

    /**
     * Opens one declared payload for reading while it is verified. The stream yields exactly the
     * declared bytes; before it returns the last of them it checks that the entry ends there and
     * that the SHA-256 matches, and otherwise throws a {@link PayloadVerificationException} (an
     * {@code IOException}) carrying the refusal. So a caller that copies the stream to its end
     * without an exception has copied verified content; on an exception it must discard what it
     * copied. The ratio limit is enforced as bytes are decompressed.
     *
     * @throws InvalidPackageException at once, if the payload is missing or the ZIP directory
     *                                 already contradicts the declaration (size, ratio)
     */
    public InputStream openPayload(PayloadFile declared) throws IOException, InvalidPackageException {
        ZipArchiveEntry entry = entryFor(declared);
        return new VerifyingPayloadStream(zip.getInputStream(entry), declared, limits, file.toString());
    }

    private ZipArchiveEntry entryFor(PayloadFile payload) throws InvalidPackageException {
        ZipArchiveEntry entry = payloads.get(payload.path());
        if (entry == null) {
            throw refuse(MISSING_PAYLOAD, payload.path(), "is listed in the manifest but missing from the archive");
        }
        if (entry.getSize() != payload.size()) {
            throw refuse(SIZE_MISMATCH, payload.path(), "has " + entry.getSize()
                    + " bytes, but the manifest declares " + payload.size());
        }
        if (limits.ratioExceeded(entry.getSize(), entry.getCompressedSize())) {
            throw refuse(COMPRESSION_RATIO, payload.path(), "expands " + entry.getCompressedSize() + " bytes into "
                    + entry.getSize() + ", above the ratio limit of " + limits.maxCompressionRatio());
        }
        return entry;
    }

    private Map<String, PayloadFile> byPath(List<PayloadFile> declared) throws InvalidPackageException {
        Map<String, PayloadFile> byPath = new HashMap<>();
        for (PayloadFile payload : declared) {
            if (byPath.put(payload.path(), payload) != null) {
                throw refuse(DUPLICATE_ENTRY, payload.path(), "is listed twice in the manifest");
            }
        }
        return byPath;
    }

    private InvalidPackageException refuse(Reason reason, String name, String what) {
        return new InvalidPackageException(reason, file + ": entry " + EntryNames.quoted(name) + " " + what);
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
