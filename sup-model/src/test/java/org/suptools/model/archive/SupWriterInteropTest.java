package org.suptools.model.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.suptools.model.manifest.PayloadFile;

/**
 * Reads what {@link SupWriter} writes with readers other than the Commons Compress one
 * {@link SupArchive} uses: the JDK's {@link ZipFile} (central directory) and
 * {@link ZipInputStream} (local headers, CRCs checked), and Info-ZIP's {@code unzip -t} when it
 * is installed. The ZIP64 records are reached with small files by lowering the thresholds at
 * which the writer needs them.
 */
class SupWriterInteropTest {

    private static final byte[] MANIFEST = "{\"formatVersion\":1}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SIGNATURES = "{\"signatures\":[]}".getBytes(StandardCharsets.UTF_8);

    enum Layout {
        STANDARD(Zip64Thresholds.STANDARD),
        /** Entries of 1000 bytes or more, offsets from 1000 on and 3 or more entries need ZIP64. */
        ZIP64(new Zip64Thresholds(1000, 3));

        final Zip64Thresholds thresholds;

        Layout(Zip64Thresholds thresholds) {
            this.thresholds = thresholds;
        }
    }

    @TempDir
    Path dir;

    /** Payload entry names and contents: deflated text across copy buffers, stored noise, small, empty. */
    private Map<String, byte[]> contents() {
        StringBuilder log = new StringBuilder();
        for (int i = 0; log.length() < 5 * PayloadCopier.BUFFER_SIZE / 2; i++) {
            log.append("2024-01-01 INFO request ").append(i).append(" served in ").append(i * 7919 % 1000).append(" ms\n");
        }
        byte[] text = log.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] noise = new byte[1024 * 1024 + 7];
        new Random(7).nextBytes(noise);
        Map<String, byte[]> contents = new LinkedHashMap<>();
        contents.put("payload/big.log", text);
        contents.put("payload/caf\u00e9/na\u00efve.txt",
                "small text, below the lowered threshold".getBytes(StandardCharsets.UTF_8));
        contents.put("payload/empty", new byte[0]);
        contents.put("payload/noise.bin", noise);
        return contents;
    }

    private Path write(Layout layout, Map<String, byte[]> contents) throws IOException {
        List<PayloadSource> payloads = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, byte[]> entry : contents.entrySet()) {
            payloads.add(new PayloadSource(entry.getKey(), Files.write(dir.resolve("in" + i++), entry.getValue())));
        }
        Path out = dir.resolve(layout + ".sup");
        new SupWriter(layout.thresholds).write(out, MANIFEST, Optional.of(SIGNATURES), payloads,
                ArchiveOptions.defaults(), ProgressListener.NONE);
        return out;
    }

    private Map<String, byte[]> allEntries(Map<String, byte[]> payloads) {
        Map<String, byte[]> all = new LinkedHashMap<>();
        all.put("manifest.json", MANIFEST);
        all.put("signatures.json", SIGNATURES);
        all.putAll(payloads);
        return all;
    }

    private static long crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void jdkZipFile_readsEveryEntryThroughTheCentralDirectory(Layout layout) throws IOException {
        Map<String, byte[]> expected = allEntries(contents());
        Path archive = write(layout, contents());

        try (ZipFile zip = new ZipFile(archive.toFile(), StandardCharsets.UTF_8)) {
            List<String> names = new ArrayList<>();
            for (ZipEntry entry : Collections.list(zip.entries())) {
                names.add(entry.getName());
                byte[] content = expected.get(entry.getName());
                assertThat(entry.getSize()).as(entry.getName()).isEqualTo(content.length);
                assertThat(entry.getCrc()).as(entry.getName()).isEqualTo(crc(content));
                try (InputStream in = zip.getInputStream(entry)) {
                    assertThat(in.readAllBytes()).as(entry.getName()).isEqualTo(content);
                }
            }
            assertThat(names).containsExactlyElementsOf(expected.keySet());
        }
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void jdkZipInputStream_readsEveryEntryThroughItsLocalHeader(Layout layout) throws IOException {
        Map<String, byte[]> expected = allEntries(contents());
        Path archive = write(layout, contents());

        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(archive), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                names.add(entry.getName());
                assertThat(in.readAllBytes()).as(entry.getName()).isEqualTo(expected.get(entry.getName()));
            }
        }
        assertThat(names).containsExactlyElementsOf(expected.keySet());
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void infoZipUnzip_testsTheArchiveWithoutErrors(Layout layout) throws Exception {
        assumeTrue(unzipAvailable(), "unzip is not installed");
        Path archive = write(layout, contents());

        Process unzip = new ProcessBuilder("unzip", "-t", archive.toString()).redirectErrorStream(true).start();
        String output = new String(unzip.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(unzip.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(unzip.exitValue()).as(output).isZero();
        assertThat(output).contains("No errors detected").contains("payload/caf\u00e9/na\u00efve.txt");
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void supArchive_verifiesTheArchive(Layout layout) throws Exception {
        Map<String, byte[]> contents = contents();
        Path archive = write(layout, contents);
        List<PayloadFile> declared = new ArrayList<>();
        contents.forEach((name, bytes) -> declared.add(new PayloadFile(name, bytes.length, Sha256.of(bytes))));

        try (SupArchive sup = SupArchive.open(archive)) {
            sup.verifyPayloads(declared, ProgressListener.NONE);
            assertThat(sup.manifestBytes()).isEqualTo(MANIFEST);
        }
    }

    @Test
    void loweredThresholds_reallyWriteZip64Records() throws IOException {
        Path standard = write(Layout.STANDARD, contents());
        Path zip64 = write(Layout.ZIP64, contents());

        assertThat(endRecord(standard).getShort(10)).isEqualTo((short) 6);
        assertThat(hasZip64Locator(standard)).isFalse();
        assertThat(endRecord(zip64).getShort(10)).isEqualTo((short) 0xFFFF);
        assertThat(endRecord(zip64).getInt(16)).isEqualTo(0xFFFF_FFFF);
        assertThat(hasZip64Locator(zip64)).isTrue();
        ByteBuffer firstPayloadHeader = ByteBuffer.wrap(Files.readAllBytes(zip64)).order(ByteOrder.LITTLE_ENDIAN);
        int bigLog = 30 + "manifest.json".length() + MANIFEST.length + 30 + "signatures.json".length() + SIGNATURES.length;
        assertThat(firstPayloadHeader.getShort(bigLog + 4)).as("version needed").isEqualTo((short) 45);
        assertThat(firstPayloadHeader.getInt(bigLog + 22)).as("size escaped").isEqualTo(0xFFFF_FFFF);
    }

    private static ByteBuffer endRecord(Path archive) throws IOException {
        byte[] bytes = Files.readAllBytes(archive);
        return ByteBuffer.wrap(bytes, bytes.length - 22, 22).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    private static boolean hasZip64Locator(Path archive) throws IOException {
        byte[] bytes = Files.readAllBytes(archive);
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(bytes.length - 22 - 20) == 0x07064b50;
    }

    static boolean unzipAvailable() {
        try {
            Process process = new ProcessBuilder("unzip", "-v").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
