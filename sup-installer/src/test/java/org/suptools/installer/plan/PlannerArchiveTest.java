package org.suptools.installer.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.installer.api.ExitCode;
import org.suptools.installer.api.event.RequestInfo;
import org.suptools.installer.archive.UnpackLimits;
import org.suptools.installer.install.InstallOutcome;
import org.suptools.installer.install.InstallRequest;
import org.suptools.installer.testing.FakeRuntime;
import org.suptools.installer.testing.TestArchives;
import org.suptools.installer.testing.TestGateway;
import org.suptools.installer.testing.TestPackages;

/** The plan reads archive payloads with the unpacker's reader, counts what they take on disk, and leaves no copy. */
class PlannerArchiveTest {

    @TempDir
    Path dir;

    @Test
    void plan_countsWhatTheUnpackedTreeTakesOnDisk_andLeavesNoSpoolBehind() throws Exception {
        TestGateway gateway = TestGateway.create(dir.resolve("gw"), new FakeRuntime(false));
        Files.createDirectories(gateway.stateDir());
        Path stale = Files.writeString(gateway.stateDir().resolve("plan-left-by-a-kill.zip"), "stale");
        Map<String, String> bundle = new LinkedHashMap<>();
        for (int i = 0; i < 100; i++) {
            bundle.put("lib/part-" + i + ".txt", "x");
        }
        byte[] zip = TestArchives.zip(bundle);
        Path sup = TestPackages.signed(dir.resolve("p.sup"), TestPackages.header("p", "1.0.0") + """
                actions:
                  - id: unpack
                    type: archive.extract
                    source: bundle.zip
                    destination: data/bundle
                """, Map.of("bundle.zip", zip));

        InstallOutcome dryRun = gateway.installer().install(new InstallRequest(sup, RequestInfo.manual(
                Optional.empty()), true), List.of(), Optional.empty());

        // 100 one-byte files and their directory: two blocks per file, one for the directory;
        // the zip itself is spooled in the state directory, on the same file system here.
        long unpacked = 100 * 2 * UnpackLimits.BLOCK + UnpackLimits.BLOCK;
        assertThat(dryRun.plan()).hasValueSatisfying(plan -> assertThat(plan.requiredBytes().values())
                .containsExactly(unpacked + zip.length));
        assertThat(stale).doesNotExist();
        try (Stream<Path> left = Files.list(gateway.stateDir())) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".zip"));
        }
        assertThat(gateway.install(sup).exitCode()).isEqualTo(ExitCode.SUCCEEDED);
        assertThat(gateway.home().resolve("data/bundle/lib/part-99.txt")).hasContent("x");
    }
}
