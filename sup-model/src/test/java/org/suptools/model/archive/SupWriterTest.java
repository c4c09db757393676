package org.suptools.model.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TimeZone;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.model.manifest.PayloadFile;

class SupWriterTest {

    private static final byte[] MANIFEST = "{\"formatVersion\":1}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SIGNATURES = "{\"signatures\":[]}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private final SupWriter writer = new SupWriter();

    private Path file(String name, byte[] content) throws IOException {
        Path file = dir.resolve("in").resolve(name);
        Files.createDirectories(file.getParent());
        return Files.write(file, content);
    }

    private static byte[] text(int size) {
        byte[] line = "2024-01-01 INFO gateway started, all systems nominal\n".getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[size];
        for (int i = 0; i < size; i++) {
            out[i] = line[i % line.length];
        }
        return out;
    }

    private static byte[] random(int size, long seed) {
        byte[] out = new byte[size];
        new Random(seed).nextBytes(out);
        return out;
    }

    private List<PayloadSource> samplePayloads() throws IOException {
        return List.of(
                new PayloadSource("payload/logs/app.log", file("app.log", text(20_000))),
                new PayloadSource("payload/firmware.bin", file("firmware.bin", random(30_000, 1))),
                new PayloadSource("payload/bundle.tar.gz", file("bundle.tar.gz", text(5_000))),
                new PayloadSource("payload/empty.txt", file("empty.txt", new byte[0])));
    }

    private Path write(String name, List<PayloadSource> payloads, ArchiveOptions options) throws IOException {
        Path out = dir.resolve(name);
        writer.write(out, MANIFEST, Optional.of(SIGNATURES), payloads, options, ProgressListener.NONE);
        return out;
    }

    private static List<ZipArchiveEntry> entries(Path archive) throws IOException {
        try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
            return Collections.list(zip.getEntriesInPhysicalOrder());
        }
    }

    @Test
    void write_putsManifestFirstThenSignaturesThenPayloadsInByteOrder() throws IOException {
        Path archive = write("app.sup", samplePayloads(), ArchiveOptions.defaults());

        assertThat(entries(archive)).extracting(ZipArchiveEntry::getName).containsExactly(
                "manifest.json", "signatures.json", "payload/bundle.tar.gz", "payload/empty.txt",
                "payload/firmware.bin", "payload/logs/app.log");
    }

    @Test
    void write_withoutSignatures_hasNoSignatureEntry() throws IOException {
        Path out = dir.resolve("unsigned.sup");
        writer.write(out, MANIFEST, Optional.empty(), samplePayloads(), ArchiveOptions.defaults(), ProgressListener.NONE);

        assertThat(entries(out)).extracting(ZipArchiveEntry::getName).doesNotContain("signatures.json")
                .startsWith("manifest.json", "payload/bundle.tar.gz");
    }

    @Test
    void write_storesCompressedNamesRandomDataAndEmptyFiles_deflatesText() throws IOException {
        Path archive = write("app.sup", samplePayloads(), ArchiveOptions.defaults());

        assertThat(entries(archive)).extracting(ZipArchiveEntry::getName, ZipArchiveEntry::getMethod).containsExactly(
                tuple("manifest.json", ZipEntry.STORED),
                tuple("signatures.json", ZipEntry.STORED),
                tuple("payload/bundle.tar.gz", ZipEntry.STORED),
                tuple("payload/empty.txt", ZipEntry.STORED),
                tuple("payload/firmware.bin", ZipEntry.STORED),
                tuple("payload/logs/app.log", ZipEntry.DEFLATED));
    }

    @Test
    void write_givesEveryEntryMode0644TheTimestampAndNoExtraFields() throws IOException {
        Path archive = write("app.sup", samplePayloads(), ArchiveOptions.defaults());

        assertThat(entries(archive)).allSatisfy(entry -> {
            assertThat(entry.getUnixMode()).isEqualTo(0100644);
            assertThat(entry.getPlatform()).isEqualTo(ZipArchiveEntry.PLATFORM_UNIX);
            assertThat(entry.getExtraFields(true)).isEmpty();
            assertThat(entry.getLastModifiedTime().toInstant())
                    .isEqualTo(LocalDateTime.of(1980, 1, 1, 0, 0).atZone(ZoneId.systemDefault()).toInstant());
        });
    }

    @Test
    void write_roundTripsEveryPayloadByteForByte() throws IOException {
        List<PayloadSource> payloads = samplePayloads();
        Path archive = write("app.sup", payloads, ArchiveOptions.defaults());

        try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
            assertThat(zip.getInputStream(zip.getEntry("manifest.json")).readAllBytes()).isEqualTo(MANIFEST);
            assertThat(zip.getInputStream(zip.getEntry("signatures.json")).readAllBytes()).isEqualTo(SIGNATURES);
            for (PayloadSource payload : payloads) {
                try (InputStream in = zip.getInputStream(zip.getEntry(payload.path()))) {
                    assertThat(in.readAllBytes()).as(payload.path()).isEqualTo(Files.readAllBytes(payload.file()));
                }
            }
        }
    }

    @Test
    void write_twice_givesIdenticalBytes() throws IOException {
        Path first = write("first.sup", samplePayloads(), ArchiveOptions.defaults());
        Path second = write("second.sup", samplePayloads(), ArchiveOptions.defaults());

        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
    }

    @Test
    void write_givesIdenticalBytesWhateverTheBuildersTimeZone() throws IOException {
        ArchiveOptions options = ArchiveOptions.fromEnvironment(Map.of("SOURCE_DATE_EPOCH", "1700000000"));
        TimeZone original = TimeZone.getDefault();
        List<byte[]> results = new ArrayList<>();
        try {
            for (String zone : List.of("UTC", "Pacific/Kiritimati", "America/Los_Angeles", "Asia/Kolkata")) {
                TimeZone.setDefault(TimeZone.getTimeZone(zone));
                results.add(Files.readAllBytes(write(zone.replace('/', '-') + ".sup", samplePayloads(), options)));
            }
        } finally {
            TimeZone.setDefault(original);
        }
        assertThat(results).allSatisfy(bytes -> assertThat(bytes).isEqualTo(results.get(0)));
    }

    @Test
    void write_withAnotherSourceDateEpoch_givesDifferentBytes() throws IOException {
        Path constant = write("constant.sup", samplePayloads(), ArchiveOptions.defaults());
        Path epoch = write("epoch.sup", samplePayloads(),
                ArchiveOptions.fromEnvironment(Map.of("SOURCE_DATE_EPOCH", "1700000000")));

        assertThat(Files.readAllBytes(epoch)).isNotEqualTo(Files.readAllBytes(constant));
        assertThat(entries(epoch).get(0).getLastModifiedTime().toInstant())
                .isEqualTo(LocalDateTime.of(2023, 11, 14, 22, 13, 20)
                        .atZone(ZoneId.systemDefault()).toInstant());
    }

    @Test
    void write_reportsProgressUpToTheTotal() throws IOException {
        List<long[]> reports = new ArrayList<>();
        byte[] big = random(3 * 1024 * 1024 + 17, 2);
        writer.write(dir.resolve("p.sup"), MANIFEST, Optional.empty(),
                List.of(new PayloadSource("payload/big.zst", file("big.zst", big))),
                ArchiveOptions.defaults(), (done, total) -> reports.add(new long[] {done, total}));

        assertThat(reports).hasSizeBetween(2, 5);
        assertThat(reports.get(reports.size() - 1)).containsExactly(big.length, big.length);
        assertThat(reports).allSatisfy(report -> assertThat(report[1]).isEqualTo(big.length));
    }

    @Test
    void write_refusesTheSameEntryNameTwice() throws IOException {
        Path a = file("a", text(10));
        List<PayloadSource> payloads = List.of(new PayloadSource("payload/a", a), new PayloadSource("payload/a", a));

        assertThatThrownBy(() -> write("dup.sup", payloads, ArchiveOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'payload/a' is given twice");
    }

    @Test
    void write_whenFailingHalfway_keepsThePreviousArchiveAndNoTemporaryFile() throws IOException {
        Path out = dir.resolve("out").resolve("app.sup");
        Files.createDirectories(out.getParent());
        Files.writeString(out, "previous");
        List<PayloadSource> payloads = List.of(
                new PayloadSource("payload/big.zst", file("big.zst", random(3 * 1024 * 1024, 3))));
        ProgressListener cancelAfterFirstMiB = (done, total) -> {
            throw new IllegalStateException("cancelled at " + done);
        };

        assertThatThrownBy(() -> writer.write(out, MANIFEST, Optional.empty(), payloads, ArchiveOptions.defaults(),
                cancelAfterFirstMiB)).hasMessageStartingWith("cancelled at");
        try (var listing = Files.list(out.getParent())) {
            assertThat(listing).containsExactly(out);
        }
        assertThat(Files.readString(out)).isEqualTo("previous");
    }

    @Test
    void write_whenAPayloadIsMissing_failsBeforeCreatingAnything() throws IOException {
        Path out = dir.resolve("out").resolve("app.sup");
        Files.createDirectories(out.getParent());
        List<PayloadSource> payloads = List.of(new PayloadSource("payload/gone", dir.resolve("gone")));

        assertThatThrownBy(() -> writer.write(out, MANIFEST, Optional.empty(), payloads, ArchiveOptions.defaults(),
                ProgressListener.NONE)).isInstanceOf(NoSuchFileException.class);
        try (var listing = Files.list(out.getParent())) {
            assertThat(listing).isEmpty();
        }
    }

    @Test
    void write_replacesAnExistingArchive() throws IOException {
        Path out = dir.resolve("app.sup");
        Files.writeString(out, "previous");

        writer.write(out, MANIFEST, Optional.empty(), samplePayloads(), ArchiveOptions.defaults(), ProgressListener.NONE);

        assertThat(entries(out)).isNotEmpty();
    }

    private MetadataFinisher.Metadata finalMetadata(String manifest, String signatures) {
        return new MetadataFinisher.Metadata(manifest.getBytes(StandardCharsets.UTF_8),
                Optional.of(signatures.getBytes(StandardCharsets.UTF_8)));
    }

    private void assertOnlyFileIn(Path directory, Path expected) throws IOException {
        try (var listing = Files.list(directory)) {
            assertThat(listing).containsExactly(expected);
        }
    }

    @Test
    void write_withFinisher_replacesThePlaceholdersByTheFinalMetadataAndItsCrc() throws IOException {
        Path out = dir.resolve("app.sup");
        writer.write(out, "{\"sha256\":\"0000\"}".getBytes(StandardCharsets.UTF_8),
                Optional.of("[placeholder]".getBytes(StandardCharsets.UTF_8)), samplePayloads(),
                ArchiveOptions.defaults(), ProgressListener.NONE,
                hashed -> finalMetadata("{\"sha256\":\"abcd\"}", "[signatures!]"));

        try (ZipFile zip = ZipFile.builder().setPath(out).get()) {
            for (String name : List.of("manifest.json", "signatures.json")) {
                ZipArchiveEntry entry = zip.getEntry(name);
                byte[] content = zip.getInputStream(entry).readAllBytes();
                CRC32 crc = new CRC32();
                crc.update(content);
                assertThat(entry.getCrc()).as(name).isEqualTo(crc.getValue());
            }
            assertThat(zip.getInputStream(zip.getEntry("manifest.json")).readAllBytes())
                    .asString(StandardCharsets.UTF_8).isEqualTo("{\"sha256\":\"abcd\"}");
            assertThat(zip.getInputStream(zip.getEntry("signatures.json")).readAllBytes())
                    .asString(StandardCharsets.UTF_8).isEqualTo("[signatures!]");
        }
        try (var in = new java.util.zip.ZipInputStream(Files.newInputStream(out))) {
            // ZipInputStream checks each entry against the CRC in its local header.
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                in.readAllBytes();
            }
        }
    }

    @Test
    void write_withFinisher_handsOverEveryPayloadHashedInTheGivenOrder() throws IOException {
        List<PayloadSource> payloads = samplePayloads();
        List<List<PayloadFile>> seen = new ArrayList<>();

        writer.write(dir.resolve("app.sup"), MANIFEST, Optional.empty(), payloads, ArchiveOptions.defaults(),
                ProgressListener.NONE, hashed -> {
                    seen.add(hashed);
                    return new MetadataFinisher.Metadata(MANIFEST, Optional.empty());
                });

        List<PayloadFile> expected = new ArrayList<>();
        for (PayloadSource payload : payloads) {
            expected.add(new PayloadFile(payload.path(), Files.size(payload.file()), Sha256.ofFile(payload.file())));
        }
        assertThat(seen).containsExactly(expected);
    }

    @Test
    void write_withFinisherAndFixedBytes_equalsTheWriteWithoutFinisher() throws IOException {
        Path plain = write("plain.sup", samplePayloads(), ArchiveOptions.defaults());
        Path finished = dir.resolve("finished.sup");
        writer.write(finished, new byte[MANIFEST.length], Optional.of(new byte[SIGNATURES.length]), samplePayloads(),
                ArchiveOptions.defaults(), ProgressListener.NONE,
                hashed -> new MetadataFinisher.Metadata(MANIFEST, Optional.of(SIGNATURES)));

        assertThat(Files.readAllBytes(finished)).isEqualTo(Files.readAllBytes(plain));
    }

    @Test
    void write_whenTheFinalManifestHasAnotherLength_failsAndLeavesNothing() throws IOException {
        Path out = dir.resolve("out").resolve("app.sup");
        Files.createDirectories(out.getParent());
        Files.writeString(out, "previous");

        assertThatThrownBy(() -> writer.write(out, MANIFEST, Optional.empty(), samplePayloads(),
                ArchiveOptions.defaults(), ProgressListener.NONE,
                hashed -> new MetadataFinisher.Metadata(new byte[MANIFEST.length + 1], Optional.empty())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("manifest.json: the final bytes are " + (MANIFEST.length + 1) + " long");
        assertOnlyFileIn(out.getParent(), out);
        assertThat(Files.readString(out)).isEqualTo("previous");
    }

    @Test
    void write_whenTheFinalSignaturesHaveAnotherLength_fails() {
        assertThatThrownBy(() -> writer.write(dir.resolve("app.sup"), MANIFEST, Optional.of(SIGNATURES),
                samplePayloads(), ArchiveOptions.defaults(), ProgressListener.NONE,
                hashed -> new MetadataFinisher.Metadata(MANIFEST, Optional.of(new byte[1]))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("signatures.json: the final bytes are 1 long");
    }

    @Test
    void write_whenTheFinisherAddsSignaturesWithoutPlaceholder_fails() {
        assertThatThrownBy(() -> writer.write(dir.resolve("app.sup"), MANIFEST, Optional.empty(),
                samplePayloads(), ArchiveOptions.defaults(), ProgressListener.NONE,
                hashed -> new MetadataFinisher.Metadata(MANIFEST, Optional.of(SIGNATURES))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no placeholder");
    }

    @Test
    void write_whenTheFinisherFails_keepsThePreviousArchiveAndNoTemporaryFile() throws IOException {
        Path out = dir.resolve("out").resolve("app.sup");
        Files.createDirectories(out.getParent());
        Files.writeString(out, "previous");

        assertThatThrownBy(() -> writer.write(out, MANIFEST, Optional.empty(), samplePayloads(),
                ArchiveOptions.defaults(), ProgressListener.NONE, hashed -> {
                    throw new IOException("payload changed");
                })).hasMessage("payload changed");
        assertOnlyFileIn(out.getParent(), out);
        assertThat(Files.readString(out)).isEqualTo("previous");
    }

    @Test
    void write_whenAPayloadGrowsWhileBeingWritten_failsAndLeavesNothing() throws IOException {
        Path out = dir.resolve("out").resolve("app.sup");
        Files.createDirectories(out.getParent());
        Path big = file("big.zst", random(3 * 1024 * 1024, 4));
        ProgressListener appendOnce = (done, total) -> {
            if (done == ProgressReporter.STEP) {
                append(big, 10);
            }
        };

        assertThatThrownBy(() -> writer.write(out, MANIFEST, Optional.empty(),
                List.of(new PayloadSource("payload/big.zst", big)), ArchiveOptions.defaults(), appendOnce))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("grew while being archived (expected " + 3 * 1024 * 1024 + " bytes)");
        try (var listing = Files.list(out.getParent())) {
            assertThat(listing).isEmpty();
        }
    }

    @Test
    void write_whenAPayloadShrinksWhileBeingWritten_failsAndLeavesNothing() throws IOException {
        Path out = dir.resolve("out").resolve("app.sup");
        Files.createDirectories(out.getParent());
        Path big = file("big.txt", text(3 * 1024 * 1024));
        ProgressListener truncateOnce = (done, total) -> {
            if (done == ProgressReporter.STEP) {
                truncate(big, 2 * 1024 * 1024);
            }
        };

        assertThatThrownBy(() -> writer.write(out, MANIFEST, Optional.empty(),
                List.of(new PayloadSource("payload/big.txt", big)), ArchiveOptions.defaults(), truncateOnce))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("shrank while being archived (expected " + 3 * 1024 * 1024 + " bytes)");
        try (var listing = Files.list(out.getParent())) {
            assertThat(listing).isEmpty();
        }
    }

    @Test
    void write_roundTripsPayloadsLargerThanTheCopyBuffers() throws IOException {
        byte[] text = text(5 * PayloadCopier.BUFFER_SIZE / 2);
        byte[] noise = random(5 * PayloadCopier.BUFFER_SIZE / 2, 5);
        List<PayloadSource> payloads = List.of(new PayloadSource("payload/big.log", file("big.log", text)),
                new PayloadSource("payload/noise.bin", file("noise.bin", noise)));
        Path archive = write("big.sup", payloads, ArchiveOptions.defaults());

        try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
            assertThat(zip.getEntry("payload/big.log").getMethod()).isEqualTo(ZipEntry.DEFLATED);
            assertThat(zip.getInputStream(zip.getEntry("payload/big.log")).readAllBytes()).isEqualTo(text);
            assertThat(zip.getEntry("payload/noise.bin").getMethod()).isEqualTo(ZipEntry.STORED);
            assertThat(zip.getInputStream(zip.getEntry("payload/noise.bin")).readAllBytes()).isEqualTo(noise);
        }
    }

    private static void append(Path file, int bytes) {
        try {
            Files.write(file, new byte[bytes], java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void truncate(Path file, long size) {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void resign_givesTheBytesOfWritingWithTheNewSignatures_unsignedOrSigned() throws IOException {
        ArchiveOptions options = ArchiveOptions.fromEnvironment(Map.of(ArchiveOptions.SOURCE_DATE_EPOCH, "1700000000"));
        byte[] other = "{\"signatures\":[{\"keyId\":\"b\"}]}".getBytes(StandardCharsets.UTF_8);
        Path unsigned = dir.resolve("unsigned.sup");
        writer.write(unsigned, MANIFEST, Optional.empty(), samplePayloads(), options, ProgressListener.NONE);
        Path signed = write("signed.sup", samplePayloads(), options);
        Path expected = dir.resolve("expected.sup");
        writer.write(expected, MANIFEST, Optional.of(other), samplePayloads(), options, ProgressListener.NONE);

        writer.resign(unsigned, other, dir.resolve("from-unsigned.sup"));
        writer.resign(signed, other, signed);

        assertThat(Files.readAllBytes(dir.resolve("from-unsigned.sup"))).isEqualTo(Files.readAllBytes(expected));
        assertThat(Files.readAllBytes(signed)).isEqualTo(Files.readAllBytes(expected));
    }

    @Test
    void resign_keepsZip64RecordsWhereTheWriterPutsThem() throws IOException {
        SupWriter small = new SupWriter(new Zip64Thresholds(10_000, 3));
        ArchiveOptions options = ArchiveOptions.fromEnvironment(Map.of(ArchiveOptions.SOURCE_DATE_EPOCH, "1700000000"));
        Path signed = dir.resolve("signed.sup");
        small.write(signed, MANIFEST, Optional.of(SIGNATURES), samplePayloads(), options, ProgressListener.NONE);
        byte[] other = "{\"signatures\":[{\"keyId\":\"c\"}]}".getBytes(StandardCharsets.UTF_8);
        Path expected = dir.resolve("expected.sup");
        small.write(expected, MANIFEST, Optional.of(other), samplePayloads(), options, ProgressListener.NONE);

        small.resign(signed, other, dir.resolve("resigned.sup"));

        assertThat(Files.readAllBytes(dir.resolve("resigned.sup"))).isEqualTo(Files.readAllBytes(expected));
    }

    @Test
    void resign_ofAnArchiveThatDoesNotStartWithTheManifest_failsAndLeavesNothing() throws IOException {
        Path notSup = dir.resolve("not.sup");
        writer.write(notSup, MANIFEST, Optional.empty(), samplePayloads(), ArchiveOptions.defaults(),
                ProgressListener.NONE);
        Path payloadFirst = dir.resolve("payload-first.zip");
        try (var zip = new org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream(payloadFirst)) {
            ZipArchiveEntry entry = new ZipArchiveEntry("payload/a.txt");
            zip.putArchiveEntry(entry);
            zip.write(new byte[] {1});
            zip.closeArchiveEntry();
        }

        assertThatThrownBy(() -> writer.resign(payloadFirst, SIGNATURES, dir.resolve("out.sup")))
                .isInstanceOf(IOException.class).hasMessageContaining("the first entry is not manifest.json");
        assertThat(dir.resolve("out.sup")).doesNotExist();
    }
}
