package org.suptools.model.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.suptools.model.archive.ZipBuilder.sup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.model.InvalidPackageException;
import org.suptools.model.InvalidPackageException.Reason;
import org.suptools.model.manifest.PayloadFile;

/** Checking and streaming payloads against the manifest's declarations, and every refusal. */
class SupArchivePayloadTest {

    private static final int BOMB_BYTES = 50 * 1024 * 1024;

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    /** 50 MiB of zeros deflated into about 50 KiB, followed by 600 KiB of noise. */
    private static Path bomb;

    @BeforeAll
    static void buildBomb() throws IOException {
        bomb = sup().deflated("payload/zeros", new byte[BOMB_BYTES])
                .stored("payload/noise", random(600 * 1024, 9))
                .writeTo(shared.resolve("bomb.sup"));
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Lowercase letters and spaces: compresses, but far less than the ratio limit. */
    private static byte[] text(int size) {
        Random random = new Random(size);
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            int letter = random.nextInt(27);
            bytes[i] = (byte) (letter == 26 ? ' ' : 'a' + letter);
        }
        return bytes;
    }

    private static PayloadFile declared(String path, byte[] content) {
        return new PayloadFile(path, content.length, Sha256.of(content));
    }

    private static void assertRefused(ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidPackageException.class,
                e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason));
    }

    private static void verify(Path file, List<PayloadFile> declared) throws Exception {
        try (SupArchive archive = SupArchive.open(file)) {
            archive.verifyPayloads(declared, ProgressListener.NONE);
        }
    }

    private record Written(Path file, List<PayloadFile> declared, byte[] text, byte[] noise) {
    }

    /** A real archive with a DEFLATED text payload, a STORED random one and an empty one. */
    private Written written() throws IOException {
        byte[] text = text(200_000);
        byte[] noise = random(3 * 1024 * 1024, 1);
        Path textFile = Files.write(dir.resolve("log.txt"), text);
        Path noiseFile = Files.write(dir.resolve("noise.bin"), noise);
        Path emptyFile = Files.write(dir.resolve("empty"), new byte[0]);
        Path file = dir.resolve("app.sup");
        new SupWriter().write(file, "{}".getBytes(StandardCharsets.UTF_8), Optional.empty(),
                List.of(new PayloadSource("payload/log.txt", textFile), new PayloadSource("payload/noise.bin", noiseFile),
                        new PayloadSource("payload/empty", emptyFile)),
                ArchiveOptions.defaults(), ProgressListener.NONE);
        return new Written(file, List.of(declared("payload/log.txt", text), declared("payload/noise.bin", noise),
                declared("payload/empty", new byte[0])), text, noise);
    }

    @Test
    void verifyPayloads_acceptsAWrittenArchiveAndReportsProgress() throws Exception {
        Written written = written();
        List<long[]> reports = new ArrayList<>();

        try (SupArchive archive = SupArchive.open(written.file())) {
            archive.verifyPayloads(written.declared(), (done, total) -> reports.add(new long[] {done, total}));
            assertThat(archive.totalPayloadBytes()).isEqualTo(written.text().length + written.noise().length);
        }
        long total = written.text().length + written.noise().length;
        assertThat(reports).hasSizeBetween(3, 5);
        assertThat(reports.get(reports.size() - 1)).containsExactly(total, total);
    }

    @Test
    void openPayload_yieldsExactlyTheDeclaredBytes_storedAndDeflated() throws Exception {
        Written written = written();

        try (SupArchive archive = SupArchive.open(written.file())) {
            try (InputStream in = archive.openPayload(written.declared().get(0))) {
                assertThat(in.readAllBytes()).isEqualTo(written.text());
            }
            try (InputStream in = archive.openPayload(written.declared().get(1))) {
                assertThat(in.readAllBytes()).isEqualTo(written.noise());
            }
            try (InputStream in = archive.openPayload(written.declared().get(2))) {
                assertThat(in.read()).isEqualTo(-1);
            }
        }
    }

    @Test
    void readThrough_givesEveryPayloadInArchiveOrderAndTheWholeFilesHash() throws Exception {
        Written written = written();
        List<String> seen = new ArrayList<>();
        java.util.Map<String, byte[]> contents = new java.util.HashMap<>();
        List<String> archiveOrder;
        List<PayloadFile> reversed = new ArrayList<>(written.declared());
        java.util.Collections.reverse(reversed);

        String sha256;
        try (SupArchive archive = SupArchive.open(written.file())) {
            archiveOrder = archive.payloadNames();
            sha256 = archive.readThrough(reversed, (payload, in) -> {
                seen.add(payload.path());
                contents.put(payload.path(), in.readAllBytes());
            }, ProgressListener.NONE);
        }

        assertThat(sha256).isEqualTo(Sha256.ofFile(written.file()));
        assertThat(seen).containsExactlyElementsOf(archiveOrder).hasSize(3);
        assertThat(contents.get("payload/log.txt")).isEqualTo(written.text());
        assertThat(contents.get("payload/noise.bin")).isEqualTo(written.noise());
        assertThat(contents.get("payload/empty")).isEmpty();
    }

    @Test
    void readThrough_aSinkTakingChunks_getsEveryPayloadByteInOrder_andAFlippedByteFailsBeforeTheLastChunk()
            throws Exception {
        Written written = written();
        java.util.Map<String, byte[]> contents = new java.util.HashMap<>();
        try (SupArchive archive = SupArchive.open(written.file())) {
            archive.readThrough(written.declared(), (payload, content) -> {
                java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
                takeChunks(content, joined);
                contents.put(payload.path(), joined.toByteArray());
            }, ProgressListener.NONE);
        }
        assertThat(contents.get("payload/log.txt")).isEqualTo(written.text());
        assertThat(contents.get("payload/noise.bin")).isEqualTo(written.noise());
        assertThat(contents.get("payload/empty")).isEmpty();

        ZipPatcher patcher = ZipPatcher.patch(written.file());
        patcher.flipByte(patcher.dataOffset("payload/noise.bin") + written.noise().length - 2).save();
        java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
        assertRefused(() -> {
            try (SupArchive archive = SupArchive.open(written.file())) {
                archive.readThrough(written.declared(), (payload, content) -> {
                    takeChunks(content, payload.path().equals("payload/noise.bin")
                            ? received : java.io.OutputStream.nullOutputStream());
                }, ProgressListener.NONE);
            }
        }, Reason.HASH_MISMATCH);
        assertThat(received.size()).isPositive().isLessThan(written.noise().length);
    }

    /** Writes every chunk the content lends to {@code into}, as it comes. */
    private static void takeChunks(PayloadContent content, java.io.OutputStream into) throws IOException {
        for (java.nio.ByteBuffer chunk = content.nextChunk(); chunk != null; chunk = content.nextChunk()) {
            byte[] bytes = new byte[chunk.remaining()];
            chunk.get(bytes);
            into.write(bytes);
        }
    }

    @Test
    void readThrough_aSinkThatReadsNothing_stillHasEveryPayloadChecked() throws Exception {
        Written written = written();
        ZipPatcher patcher = ZipPatcher.patch(written.file());
        patcher.flipByte(patcher.dataOffset("payload/noise.bin") + 3 * 1024 * 1024 - 1).save();

        assertRefused(() -> {
            try (SupArchive archive = SupArchive.open(written.file())) {
                archive.readThrough(written.declared(), PayloadSink.CHECK_ONLY, ProgressListener.NONE);
            }
        }, Reason.HASH_MISMATCH);
    }

    @Test
    void readThrough_aRefusedPayload_leavesNoThreadReadingTheFile() throws Exception {
        Written written = written();
        ZipPatcher patcher = ZipPatcher.patch(written.file());
        patcher.flipByte(patcher.dataOffset("payload/noise.bin") + 10).save();

        assertRefused(() -> {
            try (SupArchive archive = SupArchive.open(written.file())) {
                archive.readThrough(written.declared(), PayloadSink.CHECK_ONLY, ProgressListener.NONE);
            }
        }, Reason.HASH_MISMATCH);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.getName().equals("sup-read-ahead"));
    }

    @Test
    void readThrough_aFlippedStoredByte_failsTheSinksStreamBeforeItsLastByte() throws Exception {
        Written written = written();
        ZipPatcher patcher = ZipPatcher.patch(written.file());
        patcher.flipByte(patcher.dataOffset("payload/noise.bin") + 500_000).save();
        long[] received = {0};

        assertRefused(() -> {
            try (SupArchive archive = SupArchive.open(written.file())) {
                archive.readThrough(written.declared(), (payload, in) -> {
                    byte[] buffer = new byte[8192];
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        if (payload.path().equals("payload/noise.bin")) {
                            received[0] += n;
                        }
                    }
                }, ProgressListener.NONE);
            }
        }, Reason.HASH_MISMATCH);
        assertThat(received[0]).isLessThan(written.noise().length);
    }

    @Test
    void checkContents_entryNotInTheManifest_isUnlisted() throws Exception {
        Written written = written();

        try (SupArchive archive = SupArchive.open(written.file())) {
            assertRefused(() -> archive.checkContents(written.declared().subList(0, 2)), Reason.UNLISTED_ENTRY);
        }
    }

    @Test
    void checkContents_declaredButAbsent_isMissing() throws Exception {
        Written written = written();
        List<PayloadFile> declared = new ArrayList<>(written.declared());
        declared.add(declared("payload/extra", new byte[1]));

        try (SupArchive archive = SupArchive.open(written.file())) {
            assertRefused(() -> archive.checkContents(declared), Reason.MISSING_PAYLOAD);
            assertRefused(() -> archive.openPayload(declared.get(3)), Reason.MISSING_PAYLOAD);
        }
    }

    @Test
    void checkContents_manifestSizeDiffersFromTheEntry_isSizeMismatch() throws Exception {
        Written written = written();
        PayloadFile noise = written.declared().get(1);
        List<PayloadFile> declared = List.of(written.declared().get(0),
                new PayloadFile(noise.path(), noise.size() + 1, noise.sha256()), written.declared().get(2));

        try (SupArchive archive = SupArchive.open(written.file())) {
            assertRefused(() -> archive.checkContents(declared), Reason.SIZE_MISMATCH);
        }
    }

    @Test
    void checkContents_samePathDeclaredTwice_isDuplicate() throws Exception {
        Written written = written();
        List<PayloadFile> declared = new ArrayList<>(written.declared());
        declared.add(written.declared().get(0));

        try (SupArchive archive = SupArchive.open(written.file())) {
            assertRefused(() -> archive.checkContents(declared), Reason.DUPLICATE_ENTRY);
        }
    }

    @Test
    void verifyPayloads_oneFlippedByte_isHashMismatch() throws Exception {
        Written written = written();
        ZipPatcher patcher = ZipPatcher.patch(written.file());
        patcher.flipByte(patcher.dataOffset("payload/noise.bin") + 500_000).save();

        assertRefused(() -> verify(written.file(), written.declared()), Reason.HASH_MISMATCH);
    }

    @Test
    void openPayload_tamperedPayload_throwsBeforeHandingOutTheLastByte() throws Exception {
        Written written = written();
        ZipPatcher patcher = ZipPatcher.patch(written.file());
        patcher.flipByte(patcher.dataOffset("payload/noise.bin")).save();
        PayloadFile noise = written.declared().get(1);

        try (SupArchive archive = SupArchive.open(written.file());
             InputStream in = archive.openPayload(noise)) {
            byte[] buffer = new byte[(int) noise.size()];
            assertThat(in.readNBytes(buffer, 0, buffer.length - 1)).isEqualTo(buffer.length - 1);
            assertThatThrownBy(in::read).isInstanceOfSatisfying(PayloadVerificationException.class,
                    e -> assertThat(e.invalidPackage().reason()).isEqualTo(Reason.HASH_MISMATCH));
            assertThatThrownBy(in::read).isInstanceOf(PayloadVerificationException.class);
        }
    }

    @Test
    void verifyPayloads_deflatedDataLongerThanTheDirectorySays_isPayloadTooLong() throws Exception {
        byte[] content = text(2000);
        Path file = sup().deflated("payload/a", content).writeTo(dir.resolve("long.sup"));
        ZipPatcher.patch(file).uncompressedSize("payload/a", 1000).save();
        // The manifest agrees with the lying directory, and even has the hash of the first 1000 bytes.
        List<PayloadFile> declared = List.of(declared("payload/a", Arrays.copyOf(content, 1000)));

        try (SupArchive archive = SupArchive.open(file)) {
            archive.checkContents(declared);
        }
        assertRefused(() -> verify(file, declared), Reason.PAYLOAD_TOO_LONG);
    }

    @Test
    void verifyPayloads_storedDataLongerThanTheManifestSays_isPayloadTooLong() throws Exception {
        byte[] content = text(1000);
        // The directory claims 200 bytes of slack after the data as part of it, overlapping nothing.
        Path file = new RawZip().stored("manifest.json", "{}".getBytes(StandardCharsets.UTF_8))
                .stored("payload/a", content).slack(200).stored("payload/b", text(500))
                .writeTo(dir.resolve("long.sup"));
        List<PayloadFile> declared = List.of(declared("payload/a", content), declared("payload/b", text(500)));

        assertRefused(() -> verify(file, declared), Reason.PAYLOAD_TOO_LONG);
    }

    @Test
    void open_storedDataRunningIntoTheNextEntry_isOverlapping() throws Exception {
        Path file = sup().stored("payload/a", text(1000)).stored("payload/b", text(500))
                .writeTo(dir.resolve("long.sup"));
        ZipPatcher.patch(file).compressedSize("payload/a", 1200).save();

        assertThatThrownBy(() -> SupArchive.open(file).close()).isInstanceOfSatisfying(InvalidPackageException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.OVERLAPPING_ENTRIES));
    }

    @Test
    void verifyPayloads_dataShorterThanDeclared_isSizeMismatch() throws Exception {
        byte[] content = text(1000);
        Path file = sup().deflated("payload/a", content).writeTo(dir.resolve("short.sup"));
        ZipPatcher.patch(file).uncompressedSize("payload/a", 1500).save();
        List<PayloadFile> declared = List.of(new PayloadFile("payload/a", 1500, Sha256.of(text(1500))));

        assertRefused(() -> verify(file, declared), Reason.SIZE_MISMATCH);
    }

    @Test
    void verifyPayloads_corruptDeflateStream_isTruncated() throws Exception {
        byte[] content = text(10_000);
        Path file = sup().deflated("payload/a", content).writeTo(dir.resolve("corrupt.sup"));
        // 0xFF starts a final block of the reserved type 3: no inflater accepts it.
        ZipPatcher patcher = ZipPatcher.patch(file);
        patcher.setByte(patcher.dataOffset("payload/a"), 0xFF).save();

        assertRefused(() -> verify(file, List.of(declared("payload/a", content))), Reason.TRUNCATED);
    }

    @Test
    void checkContents_zipBomb_isRefusedByItsDirectoryRatio() throws Exception {
        PayloadFile zeros = declared("payload/zeros", new byte[BOMB_BYTES]);
        List<PayloadFile> declared = List.of(zeros, declared("payload/noise", random(600 * 1024, 9)));

        try (SupArchive archive = SupArchive.open(bomb)) {
            assertRefused(() -> archive.checkContents(declared), Reason.COMPRESSION_RATIO);
            assertRefused(() -> archive.openPayload(zeros), Reason.COMPRESSION_RATIO);
        }
    }

    @Test
    void open_zipBombWhoseLyingCompressedSizeCoversTheNextEntry_isOverlapping() throws Exception {
        Path file = Files.copy(bomb, dir.resolve("liar.sup"));
        ZipPatcher.patch(file).compressedSize("payload/zeros", BOMB_BYTES / 100).save();

        assertThatThrownBy(() -> SupArchive.open(file).close()).isInstanceOfSatisfying(InvalidPackageException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.OVERLAPPING_ENTRIES));
    }

    @Test
    void verifyPayloads_zipBombWithALyingCompressedSize_isRefusedWhileStreaming() throws Exception {
        // Claim a harmless ratio of 100 over slack that overlaps nothing: the directory check passes,
        // the inflater tells the truth.
        Path file = new RawZip().stored("manifest.json", "{}".getBytes(StandardCharsets.UTF_8))
                .deflated("payload/zeros", new byte[BOMB_BYTES]).slackTo(BOMB_BYTES / 100)
                .stored("payload/noise", random(600 * 1024, 9)).writeTo(dir.resolve("liar.sup"));
        List<PayloadFile> declared = List.of(declared("payload/zeros", new byte[BOMB_BYTES]),
                declared("payload/noise", random(600 * 1024, 9)));

        try (SupArchive archive = SupArchive.open(file)) {
            archive.checkContents(declared);
            assertRefused(() -> archive.verifyPayloads(declared, ProgressListener.NONE), Reason.COMPRESSION_RATIO);
        }
    }
}
