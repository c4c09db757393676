package org.suptools.model.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.suptools.model.archive.ZipBuilder.sup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.model.InvalidPackageException;
import org.suptools.model.InvalidPackageException.Reason;

/** {@link ArchiveLimits#maxEntries()}, enforced before Commons Compress loads the central directory. */
class SupArchiveEntryLimitTest {

    private static final byte[] DATA = "data".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private static ArchiveLimits maxEntries(int max) {
        ArchiveLimits defaults = ArchiveLimits.DEFAULTS;
        return new ArchiveLimits(defaults.maxManifestBytes(), defaults.maxSignaturesBytes(),
                defaults.maxCompressionRatio(), defaults.ratioThresholdBytes(), max);
    }

    private static AbstractThrowableAssert<?, ?> assertRefused(Path file, ArchiveLimits limits, Reason reason) {
        return assertThatThrownBy(() -> SupArchive.open(file, limits).close())
                .isInstanceOfSatisfying(InvalidPackageException.class,
                        e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason))
                .hasMessageStartingWith(file + ": ");
    }

    /** manifest.json and {@code payloads} payload entries. */
    private Path archive(String name, int payloads) throws IOException {
        ZipBuilder zip = sup();
        for (int i = 0; i < payloads; i++) {
            zip.stored("payload/f" + i, DATA);
        }
        return zip.writeTo(dir.resolve(name));
    }

    @Test
    void defaults_allowTenThousandEntries() {
        assertThat(ArchiveLimits.DEFAULTS.maxEntries()).isEqualTo(10_000);
        assertThat(new ArchiveLimits(1, 1, 1, 0).maxEntries()).isEqualTo(ArchiveLimits.DEFAULT_MAX_ENTRIES);
    }

    @Test
    void open_entriesAtTheLimit_isAccepted() throws Exception {
        try (SupArchive archive = SupArchive.open(archive("three.sup", 2), maxEntries(3))) {
            assertThat(archive.payloadNames()).hasSize(2);
        }
    }

    @Test
    void open_moreEntriesThanTheLimit_isRefused() throws IOException {
        assertRefused(archive("four.sup", 3), maxEntries(3), Reason.UNLISTED_ENTRY)
                .hasMessageEndingWith("announces 4 entries, more than the limit of 3");
    }

    @Test
    void open_moreEntriesThanTheDefaultLimit_isRefused() throws IOException {
        assertRefused(archive("many.sup", 10_000), ArchiveLimits.DEFAULTS, Reason.UNLISTED_ENTRY)
                .hasMessageContaining("announces 10001 entries");
    }

    @Test
    void open_endRecordAnnouncingTooManyEntries_isRefusedThoughCommonsCompressWouldOpenIt() throws IOException {
        Path file = archive("boast.sup", 1);
        ZipPatcher.patch(file).announcedEntries(60_000).save();
        try (ZipFile zip = ZipFile.builder().setPath(file).get()) {
            assertThat(java.util.Collections.list(zip.getEntries())).hasSize(2);
        }

        assertRefused(file, ArchiveLimits.DEFAULTS, Reason.UNLISTED_ENTRY)
                .hasMessageEndingWith("announces 60000 entries, more than the limit of 10000");
    }

    @Test
    void open_endRecordUnderstatingTheEntries_isRefusedByCountingTheDirectory() throws IOException {
        Path file = archive("modest.sup", 5);
        ZipPatcher.patch(file).announcedEntries(2).save();

        assertRefused(file, maxEntries(3), Reason.UNLISTED_ENTRY)
                .hasMessageEndingWith("has more than 3 entries in its central directory, more than the limit of 3");
    }

    @Test
    void open_zip64RecordAnnouncingMoreEntriesThanTheLimit_isRefused() throws IOException {
        Path file = zip64Archive(4);

        assertRefused(file, maxEntries(4), Reason.UNLISTED_ENTRY)
                .hasMessageEndingWith("announces 5 entries, more than the limit of 4");
    }

    @Test
    void open_zip64RecordWithinTheLimit_isAccepted() throws Exception {
        try (SupArchive archive = SupArchive.open(zip64Archive(4), maxEntries(5))) {
            assertThat(archive.payloadNames()).hasSize(4);
        }
    }

    @Test
    void open_zip64LocatorPointingNowhere_isTruncated() throws IOException {
        Path file = zip64Archive(4);
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(bytes.length - 22 - 20 + 8, 3);
        Files.write(file, bytes);

        assertRefused(file, ArchiveLimits.DEFAULTS, Reason.TRUNCATED).hasMessageContaining("ZIP64");
    }

    /** An archive whose count is in a ZIP64 end record only: its plain record says 0xFFFF. */
    private Path zip64Archive(int payloads) throws IOException {
        List<PayloadSource> sources = new ArrayList<>();
        for (int i = 0; i < payloads; i++) {
            sources.add(new PayloadSource("payload/f" + i, Files.write(dir.resolve("f" + i), DATA)));
        }
        Path file = dir.resolve("zip64.sup");
        new SupWriter(new Zip64Thresholds(Zip64Thresholds.MAX_32, 3)).write(file, DATA, Optional.empty(), sources,
                ArchiveOptions.defaults(), ProgressListener.NONE);
        byte[] bytes = Files.readAllBytes(file);
        short announced = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getShort(bytes.length - 12);
        assertThat(announced).as("the plain record's count").isEqualTo((short) 0xFFFF);
        return file;
    }
}
