package org.suptools.model.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.suptools.model.archive.ZipBuilder.sup;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.model.InvalidPackageException;
import org.suptools.model.InvalidPackageException.Reason;

/**
 * What a package can cost to read is bounded by its size: entries may not share bytes (with each
 * other or with the central directory), and all entries together may not declare more than the
 * ratio limit times the file's size.
 */
class SupArchiveWorkBoundTest {

    private static final int MIB = 1024 * 1024;

    @TempDir
    Path dir;

    private static AbstractThrowableAssert<?, ?> assertRefused(Path file, Reason reason) {
        return assertThatThrownBy(() -> SupArchive.open(file).close())
                .isInstanceOfSatisfying(InvalidPackageException.class,
                        e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason))
                .hasMessageStartingWith(file + ": ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void open_refusesEntriesSharingOneCompressedBlob() throws Exception {
        RawZip zip = new RawZip().stored("manifest.json", "{}".getBytes(StandardCharsets.UTF_8))
                .deflated("payload/bomb-00", new byte[16 * MIB]);
        for (int i = 1; i < 64; i++) {
            zip.alias(String.format("payload/bomb-%02d", i));
        }
        Path file = zip.writeTo(dir.resolve("bomb.sup"));
        assertThat(Files.size(file)).as("a small file").isLessThan(64 * 1024);

        assertRefused(file, Reason.OVERLAPPING_ENTRIES)
                .hasMessageContaining("entry 'payload/bomb-01' begins at offset")
                .hasMessageContaining("inside the bytes of entry 'payload/bomb-00'")
                .hasMessageEndingWith("entries must not share bytes");
    }

    @Test
    void open_refusesAnEntryWhoseDataRunsIntoTheCentralDirectory() throws Exception {
        Path file = sup().stored("payload/a", "data".getBytes(StandardCharsets.UTF_8)).writeTo(dir.resolve("into.sup"));
        ZipPatcher.patch(file).compressedSize("payload/a", 40).save();

        assertRefused(file, Reason.TRUNCATED)
                .hasMessageContaining("is truncated or damaged")
                .hasMessageContaining("payload/a overlaps with central directory");
    }

    @Test
    void open_refusesEntriesThatTogetherDeclareMoreThan200TimesTheFileSize() throws Exception {
        // Each entry is at the 1 MiB threshold, so exempt from the ratio limit on its own.
        RawZip zip = new RawZip().stored("manifest.json", "{}".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 40; i++) {
            zip.deflated("payload/zeros-" + i, new byte[MIB]);
        }
        Path file = zip.writeTo(dir.resolve("many.sup"));

        assertRefused(file, Reason.COMPRESSION_RATIO)
                .hasMessageContaining("its entries declare " + (40L * MIB + 2) + " bytes in all")
                .hasMessageContaining("the ratio limit for a whole package");
    }

    @Test
    void open_acceptsCompressibleEntriesWithinTheWholePackageBound() throws Exception {
        byte[] random = new byte[MIB];
        new Random(7).nextBytes(random);
        RawZip zip = new RawZip().stored("manifest.json", "{}".getBytes(StandardCharsets.UTF_8))
                .stored("payload/random", random);
        for (int i = 0; i < 40; i++) {
            zip.deflated("payload/zeros-" + i, new byte[MIB]);
        }
        Path file = zip.writeTo(dir.resolve("fine.sup"));

        try (SupArchive archive = SupArchive.open(file)) {
            assertThat(archive.payloadNames()).hasSize(41);
        }
    }
}
