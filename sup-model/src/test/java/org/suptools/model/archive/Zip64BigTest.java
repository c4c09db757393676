package org.suptools.model.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.model.manifest.PayloadFile;

/**
 * A payload above 4 GiB, which needs ZIP64 sizes and puts the next entry beyond a 32-bit offset,
 * read back by Commons Compress, the JDK and {@code unzip -t} (when installed). It writes and
 * reads more than 4 GiB, so it runs only with {@code -Dsup.bigTests=true}; the
 * payload itself is a sparse file and costs no disk space.
 */
@EnabledIfSystemProperty(named = "sup.bigTests", matches = "true")
class Zip64BigTest {

    private static final long BIG = 4L * 1024 * 1024 * 1024 + 12_345;

    @TempDir
    Path dir;

    @Test
    void writeAndVerify_payloadAbove4GiB_usesZip64AndRoundTrips() throws Exception {
        Path big = dir.resolve("big.zst");
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(BIG);
        }
        Path after = Files.writeString(dir.resolve("after.txt"), "after the big one");
        Path archive = dir.resolve("big.sup");
        new SupWriter().write(archive, "{}".getBytes(StandardCharsets.UTF_8), Optional.empty(),
                List.of(new PayloadSource("payload/big.zst", big), new PayloadSource("payload/z.txt", after)),
                ArchiveOptions.defaults(), ProgressListener.NONE);
        List<PayloadFile> declared = List.of(
                new PayloadFile("payload/big.zst", BIG, Sha256.ofFile(big)),
                new PayloadFile("payload/z.txt", Files.size(after), Sha256.ofFile(after)));

        try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
            List<ZipArchiveEntry> entries = Collections.list(zip.getEntriesInPhysicalOrder());
            assertThat(entries.get(1).getSize()).isEqualTo(BIG);
            assertThat(entries.get(2).getLocalHeaderOffset()).isGreaterThan(0xFFFF_FFFFL);
        }
        try (java.util.zip.ZipFile jdk = new java.util.zip.ZipFile(archive.toFile())) {
            assertThat(jdk.getEntry("payload/big.zst").getSize()).isEqualTo(BIG);
            assertThat(jdk.getInputStream(jdk.getEntry("payload/z.txt")).readAllBytes())
                    .isEqualTo(Files.readAllBytes(after));
        }
        if (SupWriterInteropTest.unzipAvailable()) {
            Process unzip = new ProcessBuilder("unzip", "-tq", archive.toString()).redirectErrorStream(true).start();
            String output = new String(unzip.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(unzip.waitFor()).as(output).isZero();
        }
        try (SupArchive sup = SupArchive.open(archive)) {
            sup.verifyPayloads(declared, ProgressListener.NONE);
            assertThat(sup.totalPayloadBytes()).isEqualTo(BIG + Files.size(after));
        }
    }
}
