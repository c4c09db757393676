package org.suptools.installer.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.suptools.installer.archive.ArchiveVisitor;
import org.suptools.installer.archive.PayloadArchive;
import org.suptools.installer.archive.UnpackLimits;
import org.suptools.installer.fs.Deadline;
import org.suptools.installer.testing.TarBytes;
import org.suptools.installer.testing.TestArchives;
import org.suptools.installer.testing.ZipBytes;
import org.suptools.model.action.ArchiveFormat;

/** Unpacking archive payloads never writes outside the target, through a link, or beyond the limits. */
class ArchiveUnpackerTest {

    @TempDir
    Path dir;

    List<ArchiveUnpacker.Unpacked> unpack(byte[] archive, ArchiveFormat format, UnpackLimits limits) throws Exception {
        org.suptools.installer.fs.Trees.deleteRecursively(dir.resolve("out"));
        return ArchiveUnpacker.unpack(new ByteArrayInputStream(archive), format, dir.resolve("out"),
                dir.resolve("spool.zip"), limits, Deadline.NONE);
    }

    @Test
    void unpack_keepsModesAndRelativeLinksInsideTheTree() throws Exception {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("./bin/run.sh", "#!/bin/sh\n");
        entries.put("lib/a.jar", "a");
        entries.put("lib/current.jar", "-> a.jar");
        for (ArchiveFormat format : List.of(ArchiveFormat.TAR_GZ, ArchiveFormat.ZIP)) {
            byte[] archive = format == ArchiveFormat.ZIP ? TestArchives.zip(entries) : TestArchives.tarGz(entries);
            List<ArchiveUnpacker.Unpacked> unpacked = unpack(archive, format, UnpackLimits.DEFAULTS);

            assertThat(unpacked).extracting(ArchiveUnpacker.Unpacked::path)
                    .containsExactly("bin", "bin/run.sh", "lib", "lib/a.jar", "lib/current.jar");
            assertThat(Files.isExecutable(dir.resolve("out/bin/run.sh"))).isTrue();
            assertThat(Files.readString(dir.resolve("out/lib/current.jar"))).isEqualTo("a");
            assertThat(dir.resolve("spool.zip")).doesNotExist();
        }
    }

    @Test
    void unpack_refusesNamesThatClimbOutOrAreAbsolute() {
        assertThatThrownBy(() -> unpack(TestArchives.tarGz(Map.of("a/../../x", "x")), ArchiveFormat.TAR_GZ,
                UnpackLimits.DEFAULTS)).hasMessageContaining("climbs out of the destination");
        assertThatThrownBy(() -> unpack(TestArchives.zip(Map.of("/etc/passwd", "x")), ArchiveFormat.ZIP,
                UnpackLimits.DEFAULTS)).hasMessageContaining("is not a safe relative path");
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void unpack_refusesLinksOutOfTheTreeAndWritingThroughALink() throws Exception {
        assertThatThrownBy(() -> unpack(TestArchives.tarGz(Map.of("up", "-> ../..")), ArchiveFormat.TAR_GZ,
                UnpackLimits.DEFAULTS)).hasMessageContaining("outside the tree");
        assertThatThrownBy(() -> unpack(TestArchives.tarGz(Map.of("abs", "-> /etc")), ArchiveFormat.TAR_GZ,
                UnpackLimits.DEFAULTS)).hasMessageContaining("only relative links inside the tree");
        Map<String, String> through = new LinkedHashMap<>();
        through.put("sub/", "");
        through.put("alias", "-> sub");
        through.put("alias/file", "written through the link");
        assertThatThrownBy(() -> unpack(TestArchives.tarGz(through), ArchiveFormat.TAR_GZ, UnpackLimits.DEFAULTS))
                .hasMessageContaining("would be written through the link alias");
    }

    @Test
    void unpack_refusesALinkThatClimbsBackAfterAName_asTheIssuesChainDoes() throws Exception {
        Map<String, String> chain = new LinkedHashMap<>();
        chain.put("d1/d2/d3/d4/", "");
        chain.put("d1/d2/d3/d4/b", "-> ../../../..");
        chain.put("d1/d2/d3/d4/c", "-> b/../../../../..");
        for (ArchiveFormat format : List.of(ArchiveFormat.TAR_GZ, ArchiveFormat.ZIP)) {
            byte[] archive = format == ArchiveFormat.ZIP ? TestArchives.zip(chain) : TestArchives.tarGz(chain);

            assertThatThrownBy(() -> unpack(archive, format, UnpackLimits.DEFAULTS))
                    .hasMessage("archive entry 'd1/d2/d3/d4/c' is a link to 'b/../../../../..' that climbs back with "
                            + "'..' after a name; a link may use '..' only at its start, since 'name/..' changes meaning "
                            + "once 'name' is a link");
            assertThat(dir.resolve("out/d1/d2/d3/d4/c")).doesNotExist();
        }
    }

    @Test
    void unpack_resolvesLinksThroughTheLinksAlreadyUnpacked() throws Exception {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("d1/d2/d3/d4/", "");
        entries.put("d1/d2/d3/d4/top", "-> ../../../..");
        entries.put("lib/tool", "tool");
        entries.put("bin/tool", "-> ../d1/d2/d3/d4/top/lib/tool");
        entries.put("bin/later", "-> ../not/yet/there");
        entries.put("d1/d2/d3/d4/up", "-> ../../../../..");

        assertThatThrownBy(() -> unpack(TestArchives.tarGz(entries), ArchiveFormat.TAR_GZ, UnpackLimits.DEFAULTS))
                .hasMessage("archive entry 'd1/d2/d3/d4/up' is a link to '../../../../..' that leads outside the tree");
        assertThat(Files.readString(dir.resolve("out/bin/tool"))).as("through a link to the top of the tree")
                .isEqualTo("tool");
        assertThat(Files.isSymbolicLink(dir.resolve("out/bin/later"))).as("a link to what is not there yet").isTrue();
        assertThat(dir.resolve("out/d1/d2/d3/d4/up")).doesNotExist();
    }

    @Test
    void unpack_stopsAtTheByteAndEntryLimits() throws Exception {
        assertThatThrownBy(() -> unpack(TestArchives.tarGz(Map.of("big", "x".repeat(5000))), ArchiveFormat.TAR_GZ,
                new UnpackLimits(4096, 10))).hasMessageContaining("more than 4096 bytes");
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            many.put("f" + i, "x");
        }
        assertThatThrownBy(() -> unpack(TestArchives.tarGz(many), ArchiveFormat.TAR_GZ, new UnpackLimits(1 << 20, 3)))
                .hasMessageContaining("more than 3 entries");
    }

    @ParameterizedTest(name = "tar type {0}")
    @ValueSource(chars = {'3', '4', '6'})
    void unpack_refusesTarDevicesAndFifos_insteadOfWritingEmptyFiles(char type) {
        byte[] tar = new TarBytes().file("a.txt", "a".getBytes(StandardCharsets.UTF_8)).special("dev/thing", type)
                .tar();

        assertThatThrownBy(() -> unpack(tar, ArchiveFormat.TAR, UnpackLimits.DEFAULTS))
                .isInstanceOf(ActionFailedException.class)
                .hasMessageStartingWith("archive entry 'dev/thing' is a ")
                .hasMessageEndingWith("devices and FIFOs are not unpacked");
        assertThat(dir.resolve("out/dev/thing")).doesNotExist();
    }

    @Test
    void unpack_refusesAZipWhoseLocalHeadersHideAnEntry_beforeWritingIt() {
        ZipBytes zip = new ZipBytes().stored("a.txt", "a".getBytes(StandardCharsets.UTF_8))
                .deflated("hidden.bin", new byte[100_000]);
        zip.change(0, e -> e.withLocalSizeDelta(zip.entry(1).localLength()));

        assertThatThrownBy(() -> unpack(zip.zip(), ArchiveFormat.ZIP, UnpackLimits.DEFAULTS))
                .isInstanceOf(ActionFailedException.class)
                .hasMessageContaining("archive entry 'a.txt' has another CRC-32 or size in its local header");
        assertThat(dir.resolve("out/hidden.bin")).doesNotExist();
        assertThat(dir.resolve("spool.zip")).doesNotExist();
    }

    /** The plan counts an archive with the unpacker's own reader: the same entries, and their size on disk. */
    @Test
    void unpack_writesWhatThePlanCounted() throws Exception {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("bin/", "");
        entries.put("bin/run.sh", "#!/bin/sh\n".repeat(1000));
        entries.put("lib/", "");
        entries.put("lib/a.jar", "a");
        entries.put("lib/empty", "");
        entries.put("lib/current.jar", "-> a.jar");
        entries.put("share/doc/readme", "read me");
        for (ArchiveFormat format : List.of(ArchiveFormat.TAR_GZ, ArchiveFormat.ZIP)) {
            byte[] archive = format == ArchiveFormat.ZIP ? TestArchives.zip(entries) : TestArchives.tarGz(entries);
            PayloadArchive.Summary counted = PayloadArchive.read(new ByteArrayInputStream(archive), format,
                    dir.resolve("plan.zip"), UnpackLimits.DEFAULTS, Deadline.NONE, ArchiveVisitor.checkOnly());

            List<ArchiveUnpacker.Unpacked> unpacked = unpack(archive, format, UnpackLimits.DEFAULTS);

            long onDisk = 0;
            for (ArchiveUnpacker.Unpacked entry : unpacked) {
                Path path = dir.resolve("out").resolve(entry.path());
                onDisk += UnpackLimits.footprint(entry.kind() == ArchiveUnpacker.Kind.FILE ? Files.size(path) : 0);
            }
            // share/ and share/doc/ are implied by share/doc/readme: the unpacker creates them, the plan counts them.
            assertThat(counted.entries()).as(format.toString()).isEqualTo(unpacked.size()).isEqualTo(9);
            assertThat(counted.diskBytes()).as(format.toString()).isEqualTo(onDisk).isEqualTo((9 + 3 + 1 + 1) * 4096L);
        }
    }
}
