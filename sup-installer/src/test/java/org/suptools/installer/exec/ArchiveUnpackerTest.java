package org.suptools.installer.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.installer.fs.Deadline;
import org.suptools.installer.testing.TestArchives;
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
        assertThatThrownBy(() -> unpack(TestArchives.tarGz(many), ArchiveFormat.TAR_GZ, new UnpackLimits(4096, 3)))
                .hasMessageContaining("more than 3 entries");
    }
}
