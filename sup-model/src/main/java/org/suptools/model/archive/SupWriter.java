package org.suptools.model.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Writes a .sup archive, byte-reproducibly and in constant memory.
 *
 * <h2>Layout</h2>
 * {@code manifest.json}, then {@code signatures.json} if given, then every payload in byte-wise
 * UTF-8 order of its entry name. No directory entries, no archive comment, no extra fields.
 * Every entry has the unix mode 0644 (regular file) and the timestamp of
 * {@link ArchiveOptions#timestamp()}, recorded as its UTC date and time whatever the builder's
 * time zone. ZIP64 records appear only where sizes or offsets need them.
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
 * <h2>Reproducibility limits</h2>
 * DEFLATED bytes come from the JDK's zlib; a platform whose zlib is a different implementation
 * (zlib-ng, for instance) may deflate differently. The timestamp's UTC date and time cannot be
 * recorded on a builder whose time zone skips that hour (a daylight-saving gap); there it is
 * shifted by the gap. Building with {@code TZ=UTC} avoids the latter.
 *
 * <h2>Failure</h2>
 * The archive is written to a temporary file beside {@code out} and moved into place only when
 * complete; on any failure the temporary file is deleted and {@code out} is left as it was.
 */
public final class SupWriter {

    private static final int REGULAR_FILE_0644 = 0100644;

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
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(progress, "progress");
        List<SizedSource> sources = sortedAndSized(payloads);
        long total = sources.stream().mapToLong(SizedSource::size).sum();

        Path target = out.toAbsolutePath();
        Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(
                    FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))) {
                zip.setUseZip64(Zip64Mode.AsNeeded);
                zip.setLevel(CompressionPolicy.LEVEL);
                zip.setCreateUnicodeExtraFields(ZipArchiveOutputStream.UnicodeExtraFieldPolicy.NEVER);
                zip.setUseLanguageEncodingFlag(true);
                long time = zipTime(options.timestamp());
                writeBytes(zip, EntryNames.MANIFEST, manifestJson, time);
                if (signaturesJson.isPresent()) {
                    writeBytes(zip, EntryNames.SIGNATURES, signaturesJson.get(), time);
                }
                ProgressReporter reporter = new ProgressReporter(progress, total);
                for (SizedSource source : sources) {
                    writeFile(zip, source, time, reporter);
                }
                zip.finish();
                reporter.finish();
            }
            moveIntoPlace(temp, target);
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private record SizedSource(PayloadSource source, long size) {
    }

    private static List<SizedSource> sortedAndSized(List<PayloadSource> payloads) throws IOException {
        List<PayloadSource> sorted = new ArrayList<>(payloads);
        sorted.sort((a, b) -> EntryNames.UTF8_ORDER.compare(a.path(), b.path()));
        List<SizedSource> sized = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            PayloadSource source = sorted.get(i);
            if (i > 0 && sorted.get(i - 1).path().equals(source.path())) {
                throw new IllegalArgumentException("payloads: '" + source.path() + "' is given twice");
            }
            BasicFileAttributes attributes = Files.readAttributes(source.file(), BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                throw new IOException(source.file() + ": not a regular file (for " + source.path() + ")");
            }
            sized.add(new SizedSource(source, attributes.size()));
        }
        return sized;
    }

    /**
     * The Java time whose local date and time, in this JVM's zone, equal the UTC date and time of
     * {@code instant}: ZIP stores a zone-less local time and Commons Compress converts through
     * the default zone, so this makes the stored fields independent of where the build runs.
     */
    static long zipTime(Instant instant) {
        LocalDateTime utc = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        return utc.atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
    }

    private static ZipArchiveEntry newEntry(String name, int method, long size, long time) {
        ZipArchiveEntry entry = new ZipArchiveEntry(name);
        entry.setMethod(method);
        entry.setSize(size);
        entry.setTime(time);
        entry.setUnixMode(REGULAR_FILE_0644);
        if (entry.getExtraFields().length != 0) {
            throw new IllegalStateException(name + ": Commons Compress added extra fields, the archive "
                    + "would not be reproducible");
        }
        return entry;
    }

    private static void writeBytes(ZipArchiveOutputStream zip, String name, byte[] bytes, long time)
            throws IOException {
        zip.putArchiveEntry(newEntry(name, ZipEntry.STORED, bytes.length, time));
        zip.write(bytes);
        zip.closeArchiveEntry();
    }

    private static void writeFile(ZipArchiveOutputStream zip, SizedSource sized, long time,
                                  ProgressReporter reporter) throws IOException {
        PayloadSource source = sized.source();
        long size = sized.size();
        int method = CompressionPolicy.methodFor(source.path(), source.file(), size);
        zip.putArchiveEntry(newEntry(source.path(), method, size, time));
        byte[] buffer = new byte[Sha256.BUFFER_SIZE];
        long remaining = size;
        try (InputStream in = Files.newInputStream(source.file())) {
            while (remaining > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (n < 0) {
                    throw new IOException(source.file() + ": shrank while being archived (expected "
                            + size + " bytes)");
                }
                zip.write(buffer, 0, n);
                remaining -= n;
                reporter.add(n);
            }
            if (in.read() >= 0) {
                throw new IOException(source.file() + ": grew while being archived (expected "
                        + size + " bytes)");
            }
        }
        zip.closeArchiveEntry();
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
