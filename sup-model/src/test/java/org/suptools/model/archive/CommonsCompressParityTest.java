package org.suptools.model.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SupWriter} gives the bytes that Commons Compress's {@link ZipArchiveOutputStream} gives
 * for the same entries in its "AsNeeded" ZIP64 mode, as the writer did when it was built on that
 * library. Packages built before and after stay identical, and a tool that rewrites a package
 * with Commons Compress (copying entries raw, as re-signing does) gets the bytes a build would.
 */
class CommonsCompressParityTest {

    private static final byte[] MANIFEST = "{\"formatVersion\":1,\"name\":\"parity\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SIGNATURES = "{\"signatures\":[]}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void write_givesTheBytesOfCommonsCompress() throws IOException {
        StringBuilder log = new StringBuilder();
        for (int i = 0; log.length() < 3 * 1024 * 1024 + 12_345; i++) {
            log.append("2024-01-01 INFO request ").append(i).append(" served in ").append(i * 7919 % 1000).append(" ms\n");
        }
        byte[] noise = new byte[2 * 1024 * 1024 + 3];
        new Random(11).nextBytes(noise);
        List<PayloadSource> payloads = List.of(
                new PayloadSource("payload/app.log", Files.writeString(dir.resolve("app.log"), log)),
                new PayloadSource("payload/bundle.tar.gz",
                        Files.writeString(dir.resolve("bundle.tar.gz"), "x".repeat(5000))),
                new PayloadSource("payload/empty", Files.write(dir.resolve("empty"), new byte[0])),
                new PayloadSource("payload/noise.bin", Files.write(dir.resolve("noise.bin"), noise)),
                new PayloadSource("payload/\u00fcber.txt", Files.writeString(dir.resolve("u.txt"), "short")));
        ArchiveOptions options = ArchiveOptions.fromEnvironment(Map.of("SOURCE_DATE_EPOCH", "1700000001"));
        Path ours = dir.resolve("ours.sup");

        new SupWriter().write(ours, MANIFEST, Optional.of(SIGNATURES), payloads, options, ProgressListener.NONE);

        assertThat(Files.readAllBytes(ours)).isEqualTo(Files.readAllBytes(withCommonsCompress(payloads, options)));
    }

    /** The entries of {@link SupWriter}'s layout, written by Commons Compress as the writer once did. */
    private Path withCommonsCompress(List<PayloadSource> payloads, ArchiveOptions options) throws IOException {
        List<PayloadSource> sorted = new ArrayList<>(payloads);
        sorted.sort((a, b) -> EntryNames.UTF8_ORDER.compare(a.path(), b.path()));
        Path out = dir.resolve("commons-compress.sup");
        long time = localTimeOf(options.timestamp());
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(
                FileChannel.open(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))) {
            zip.setUseZip64(Zip64Mode.AsNeeded);
            zip.setLevel(CompressionPolicy.LEVEL);
            zip.setCreateUnicodeExtraFields(ZipArchiveOutputStream.UnicodeExtraFieldPolicy.NEVER);
            zip.setUseLanguageEncodingFlag(true);
            put(zip, EntryNames.MANIFEST, java.util.zip.ZipEntry.STORED, MANIFEST.length, time);
            zip.write(MANIFEST);
            zip.closeArchiveEntry();
            put(zip, EntryNames.SIGNATURES, java.util.zip.ZipEntry.STORED, SIGNATURES.length, time);
            zip.write(SIGNATURES);
            zip.closeArchiveEntry();
            for (PayloadSource payload : sorted) {
                long size = Files.size(payload.file());
                put(zip, payload.path(), CompressionPolicy.methodFor(payload.path(), payload.file(), size), size, time);
                try (InputStream in = Files.newInputStream(payload.file())) {
                    in.transferTo(zip);
                }
                zip.closeArchiveEntry();
            }
        }
        return out;
    }

    private static void put(ZipArchiveOutputStream zip, String name, int method, long size, long time)
            throws IOException {
        ZipArchiveEntry entry = new ZipArchiveEntry(name);
        entry.setMethod(method);
        entry.setSize(size);
        entry.setTime(time);
        entry.setUnixMode(0100644);
        zip.putArchiveEntry(entry);
    }

    /** Commons Compress records a Java time as its local date and time; this one's is the UTC one. */
    private static long localTimeOf(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC).atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
    }
}
