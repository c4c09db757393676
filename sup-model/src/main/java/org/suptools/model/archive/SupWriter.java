package org.suptools.model.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.suptools.model.files.AtomicFiles;
import org.suptools.model.manifest.PayloadFile;

/**
 * Writes a .sup archive, byte-reproducibly, in constant memory and in a single pass over the
 * payloads.
 *
 * <h2>Layout</h2>
 * {@code manifest.json}, then {@code signatures.json} if given, then every payload in byte-wise
 * UTF-8 order of its entry name. No directory entries, no archive comment, no extra fields other
 * than ZIP64's, no data descriptors. Every header has general-purpose flag bit 11 (UTF-8 names)
 * and the MS-DOS date and time of the UTC date and time of {@link ArchiveOptions#timestamp()};
 * every central header says "made by Unix" and carries the mode {@code 0100644} in its
 * external attributes. "Version needed" is 1.0 for STORED, 2.0 for DEFLATED and 4.5 where the
 * header has a ZIP64 field; "version made by" is 2.0, or 4.5 from the first header that has a
 * ZIP64 field on (every central header, when a local header has one).
 *
 * <h2>ZIP64</h2>
 * Only where a value does not fit, with a field that would hold {@code 0xFFFFFFFF} or more
 * (or an entry count of {@code 0xFFFF} or more) holding that escape value instead:
 * <ul>
 *   <li>a local header has a ZIP64 field, with both sizes, when the uncompressed size needs it
 *       (the size is known before the data is written; the compressed size of a smaller entry
 *       cannot need it, see below);</li>
 *   <li>a central header has a ZIP64 field when either size or its local header's offset needs
 *       it; the field holds both sizes if either needs it, then the offset if it needs it;</li>
 *   <li>the ZIP64 end-of-central-directory record and locator are written when any header has
 *       a ZIP64 field, or the entry count, the directory's size or its offset needs it.</li>
 * </ul>
 * This is the "AsNeeded" rule of Commons Compress, which wrote these archives before, so both
 * give the same bytes.
 *
 * <h2>Compression</h2>
 * {@code manifest.json} and {@code signatures.json} are STORED, so their signed bytes stand in
 * the file as they are. A payload is STORED when any of these holds, and DEFLATED (level 6)
 * otherwise:
 * <ol>
 *   <li>its name ends, ignoring case, in an extension of already-compressed data:
 *       {@code .gz .tgz .zip .jar .xz .bz2 .zst .7z .png .jpg .jpeg .mp4 .apk .deb .rpm .ipk
 *       .sup .br .lz4};</li>
 *   <li>it is empty;</li>
 *   <li>deflating its first MiB does not shrink that sample to 90% or less (random, encrypted
 *       or otherwise compressed data, whatever its name; this keeps building a large
 *       incompressible payload close to the cost of copying it);</li>
 *   <li>it is within 64 MiB below 4 GiB, where deflate's slight expansion of incompressible
 *       data could overflow a 32-bit compressed size.</li>
 * </ol>
 * The rule depends only on the name, size and content, so the same inputs always give the same
 * archive.
 *
 * <h2>Single pass</h2>
 * Each payload is read once; its SHA-256 and CRC-32 are computed from the same bytes on a
 * second thread while they are written. Local headers are written with a zero CRC (and
 * compressed size) and rewritten once the data is written. The metadata entries can be
 * finished the same way: {@link #write(Path, byte[], Optional, List, ArchiveOptions,
 * ProgressListener, MetadataFinisher)} writes placeholders first and the final bytes, which
 * depend on the payloads' hashes, over them at the end.
 *
 * <h2>Reproducibility limits</h2>
 * DEFLATED bytes come from the JDK's zlib; a platform whose zlib is a different implementation
 * (zlib-ng, for instance) may deflate differently.
 *
 * <h2>Failure</h2>
 * The archive is written to a temporary file beside {@code out} and moved into place only when
 * complete; on any failure the temporary file is deleted and {@code out} is left as it was.
 */
public final class SupWriter {

    private final Zip64Thresholds thresholds;

    /** A writer of standard ZIP (ZIP64 as needed). */
    public SupWriter() {
        this(Zip64Thresholds.STANDARD);
    }

    /** A writer that switches to ZIP64 at other values; for testing those records with small files. */
    SupWriter(Zip64Thresholds thresholds) {
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    }

    /**
     * Writes the archive to {@code out}, replacing any file there.
     *
     * @param out            the archive to create
     * @param manifestJson   the exact bytes of {@code manifest.json}
     * @param signaturesJson the exact bytes of {@code signatures.json}, if the package is signed
     * @param payloads       the payload files, in any order; their entry names must be unique
     * @param options        the timestamp to record
     * @param progress       told of payload bytes written, at most about once per MiB
     * @throws IllegalArgumentException if two payloads have the same entry name
     * @throws IOException              if a payload cannot be read, is not a regular file,
     *                                  changes size while it is written, or the archive cannot be
     *                                  written
     */
    public void write(Path out, byte[] manifestJson, Optional<byte[]> signaturesJson,
                      List<PayloadSource> payloads, ArchiveOptions options, ProgressListener progress)
            throws IOException {
        Objects.requireNonNull(manifestJson, "manifestJson");
        Objects.requireNonNull(signaturesJson, "signaturesJson");
        if (payloads.stream().anyMatch(PayloadSource::indexed)) {
            throw new IllegalArgumentException("payloads: a chunk index needs a manifest made after the payloads "
                    + "are hashed (the write with a finisher)");
        }
        write(out, manifestJson, signaturesJson, payloads, options, progress,
                hashed -> new MetadataFinisher.Metadata(manifestJson, signaturesJson));
    }

    /**
     * Writes the archive to {@code out}, replacing any file there, with metadata that depends on
     * the payloads: placeholders for {@code manifest.json} and {@code signatures.json} are
     * written first, the payloads are copied and hashed, then {@code finisher} gives the final
     * metadata, which is written over the placeholders before the archive is moved into place.
     *
     * @param out                   the archive to create
     * @param manifestPlaceholder   bytes of the final manifest's length
     * @param signaturesPlaceholder bytes of the final signature file's length, if the package is
     *                              signed
     * @param payloads              the payload files, in any order; their entry names must be
     *                              unique. Each one {@linkplain PayloadSource#indexed indexed}
     *                              also gets its {@link ChunkIndex}, written as a STORED
     *                              placeholder and finished like the metadata.
     * @param options               the timestamp to record
     * @param progress              told of payload bytes written, at most about once per MiB
     * @param finisher              gives the final metadata for the payloads as written: it is
     *                              given the payloads in the caller's order, then the indexes in
     *                              the order of their payloads
     * @throws IllegalArgumentException if two payloads have the same entry name
     * @throws IllegalStateException    if the finisher's bytes differ in length from the
     *                                  placeholders, or it gives signatures without a
     *                                  placeholder for them or none with one
     * @throws IOException              if a payload cannot be read, is not a regular file,
     *                                  changes size while it is written, the finisher throws it,
     *                                  or the archive cannot be written
     */
    public void write(Path out, byte[] manifestPlaceholder, Optional<byte[]> signaturesPlaceholder,
                      List<PayloadSource> payloads, ArchiveOptions options, ProgressListener progress,
                      MetadataFinisher finisher) throws IOException {
        Objects.requireNonNull(manifestPlaceholder, "manifestPlaceholder");
        Objects.requireNonNull(signaturesPlaceholder, "signaturesPlaceholder");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(finisher, "finisher");
        List<SizedSource> sources = sortedAndSized(payloads);
        writeAtomically(out, zip -> {
            try (PayloadCopier copier = new PayloadCopier()) {
                ZipAssembler assembler = new ZipAssembler(zip, thresholds, DosTime.of(options.timestamp()));
                int manifest = assembler.addStored(EntryNames.MANIFEST, manifestPlaceholder);
                Optional<Integer> signatures = signaturesPlaceholder.isPresent()
                        ? Optional.of(assembler.addStored(EntryNames.SIGNATURES, signaturesPlaceholder.get()))
                        : Optional.empty();
                List<PayloadFile> hashed = writePayloads(assembler, copier, sources, progress);
                MetadataFinisher.Metadata metadata = finisher.finish(hashed);
                assembler.replaceStored(manifest, sameLength(EntryNames.MANIFEST, manifestPlaceholder,
                        metadata.manifestJson()));
                if (signatures.isPresent() != metadata.signaturesJson().isPresent()) {
                    throw new IllegalStateException(EntryNames.SIGNATURES + ": the finisher "
                            + (signatures.isPresent() ? "gave none, but there is a placeholder for it"
                                    : "gave one, but there is no placeholder for it"));
                }
                if (signatures.isPresent()) {
                    assembler.replaceStored(signatures.get(), sameLength(EntryNames.SIGNATURES,
                            signaturesPlaceholder.get(), metadata.signaturesJson().get()));
                }
                assembler.finish();
            }
        });
    }

    /**
     * Writes a copy of the package {@code in} to {@code out} with other signatures: {@code
     * manifest.json} and the payload entries are copied as their stored bytes (never inflated or
     * deflated again), so re-signing a large package costs a file copy, and the result has the
     * layout of {@link #write}: signing a package built with key A with key B gives the bytes of
     * building it with keys A and B. {@code out} may be {@code in}; it is replaced only when the
     * copy is complete. The caller checks the package first (structure and payload hashes).
     *
     * @throws IOException if {@code in} cannot be read or does not start with {@code manifest.json}
     */
    public void resign(Path in, byte[] signaturesJson, Path out) throws IOException {
        Objects.requireNonNull(signaturesJson, "signaturesJson");
        try (ZipFile source = ZipFile.builder().setPath(in).setUseUnicodeExtraFields(false).get()) {
            List<ZipArchiveEntry> entries = Collections.list(source.getEntriesInPhysicalOrder());
            if (entries.isEmpty() || !entries.get(0).getName().equals(EntryNames.MANIFEST)) {
                throw new IOException(in + ": the first entry is not " + EntryNames.MANIFEST);
            }
            DosTime time = DosTime.ofHeader(in, entries.get(0).getLocalHeaderOffset());
            writeAtomically(out, zip -> {
                ZipAssembler assembler = new ZipAssembler(zip, thresholds, time);
                copyRaw(source, entries.get(0), assembler);
                assembler.addStored(EntryNames.SIGNATURES, signaturesJson);
                for (ZipArchiveEntry entry : entries.subList(1, entries.size())) {
                    if (!entry.getName().equals(EntryNames.SIGNATURES)) {
                        copyRaw(source, entry, assembler);
                    }
                }
                assembler.finish();
            });
        }
    }

    private static void copyRaw(ZipFile source, ZipArchiveEntry entry, ZipAssembler assembler) throws IOException {
        try (InputStream raw = source.getRawInputStream(entry)) {
            if (raw == null) {
                throw new IOException(entry.getName() + ": its stored bytes cannot be read");
            }
            assembler.addRaw(entry.getName(), entry.getMethod(), entry.getSize(), (int) entry.getCrc(),
                    entry.getCompressedSize(), raw);
        }
    }

    /** Writes an archive through a {@link ZipOutput} of a temporary file, moved over {@code out} when complete. */
    private static void writeAtomically(Path out, ArchiveBody body) throws IOException {
        AtomicFiles.replace(out, temp -> {
            try (ZipOutput zip = ZipOutput.create(temp)) {
                body.writeTo(zip);
            }
        });
    }

    /** What fills a new archive file. */
    @FunctionalInterface
    private interface ArchiveBody {
        void writeTo(ZipOutput zip) throws IOException;
    }

    /** An entry written after the metadata: a payload, or a payload's chunk index. */
    private sealed interface PayloadEntry permits SizedSource, IndexOf {
        String name();
    }

    private record SizedSource(PayloadSource source, long size, int index) implements PayloadEntry {

        @Override
        public String name() {
            return source.path();
        }
    }

    private static List<SizedSource> sortedAndSized(List<PayloadSource> payloads) throws IOException {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> EntryNames.UTF8_ORDER.compare(payloads.get(a).path(), payloads.get(b).path()));
        List<SizedSource> sized = new ArrayList<>(payloads.size());
        for (int i = 0; i < order.size(); i++) {
            PayloadSource source = payloads.get(order.get(i));
            if (i > 0 && payloads.get(order.get(i - 1)).path().equals(source.path())) {
                throw new IllegalArgumentException("payloads: '" + source.path() + "' is given twice");
            }
            BasicFileAttributes attributes = Files.readAttributes(source.file(), BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                throw new IOException(source.file() + ": not a regular file (for " + source.path() + ")");
            }
            sized.add(new SizedSource(source, attributes.size(), order.get(i)));
        }
        return sized;
    }

    /**
     * Writes the payloads and the placeholders of their chunk indexes in archive order, then the
     * indexes over their placeholders; returns the payloads hashed, in the caller's order, then
     * the indexes, in the order of their payloads.
     */
    private static List<PayloadFile> writePayloads(ZipAssembler assembler, PayloadCopier copier,
                                                   List<SizedSource> sources, ProgressListener progress)
            throws IOException {
        ProgressReporter reporter = new ProgressReporter(progress,
                sources.stream().mapToLong(SizedSource::size).sum());
        PayloadFile[] hashed = new PayloadFile[sources.size()];
        List<List<String>> chunks = new ArrayList<>(Collections.nCopies(sources.size(), null));
        Integer[] indexEntries = new Integer[sources.size()];
        for (PayloadEntry entry : inArchiveOrder(sources)) {
            if (entry instanceof SizedSource sized) {
                PayloadSource source = sized.source();
                int method = CompressionPolicy.methodFor(source.path(), source.file(), sized.size());
                PayloadCopier.Copied copied = assembler.addPayload(source.path(), source.file(), sized.size(), method,
                        source.indexed(), copier, reporter);
                hashed[sized.index()] = new PayloadFile(source.path(), sized.size(), copied.sha256());
                chunks.set(sized.index(), copied.chunkSha256());
            } else if (entry instanceof IndexOf index) {
                indexEntries[index.payload().index()] = assembler.addStored(index.name(), index.placeholder());
            }
        }
        reporter.finish();
        List<PayloadFile> all = new ArrayList<>(List.of(hashed));
        for (int i = 0; i < hashed.length; i++) {
            if (indexEntries[i] != null) {
                String name = ChunkIndex.entryFor(hashed[i].path());
                byte[] index = sameLength(name, ChunkIndex.placeholder(hashed[i].path(), hashed[i].size()).toJson(),
                        new ChunkIndex(hashed[i].path(), ChunkIndex.CHUNK_SIZE, chunks.get(i)).toJson());
                assembler.replaceStored(indexEntries[i], index);
                all.add(new PayloadFile(name, index.length, Sha256.of(index)));
            }
        }
        return List.copyOf(all);
    }

    /** The chunk index entry of an indexed payload, by its name, before the payload is hashed. */
    private record IndexOf(SizedSource payload) implements PayloadEntry {

        @Override
        public String name() {
            return ChunkIndex.entryFor(payload.source().path());
        }

        byte[] placeholder() {
            return ChunkIndex.placeholder(payload.source().path(), payload.size()).toJson();
        }
    }

    /** The payloads and their index entries in the byte-wise UTF-8 order of their names. */
    private static List<PayloadEntry> inArchiveOrder(List<SizedSource> sources) {
        List<PayloadEntry> entries = new ArrayList<>(sources);
        for (SizedSource sized : sources) {
            if (sized.source().indexed()) {
                entries.add(new IndexOf(sized));
            }
        }
        entries.sort((a, b) -> EntryNames.UTF8_ORDER.compare(a.name(), b.name()));
        return entries;
    }

    private static byte[] sameLength(String name, byte[] placeholder, byte[] actual) {
        Objects.requireNonNull(actual, name);
        if (actual.length != placeholder.length) {
            throw new IllegalStateException(name + ": the final bytes are " + actual.length
                    + " long, but their placeholder was " + placeholder.length
                    + "; they must have the same length");
        }
        return actual;
    }
}
