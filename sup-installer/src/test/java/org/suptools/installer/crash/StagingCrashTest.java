package org.suptools.installer.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.installer.cli.InstallerMain;
import org.suptools.installer.testing.TreeSnapshot;

/**
 * The real installer process killed while it stages a payload, that is while it verifies the
 * package, before any change: the staged file it leaves in the state directory is removed by
 * {@code recover} and by the next install, and the runtime home is exactly as before.
 */
class StagingCrashTest {

    @TempDir
    Path dir;

    private static long stagedFiles(Path gateway) throws Exception {
        Path staging = gateway.resolve("dwcore.sup-state").resolve("staging");
        if (!Files.isDirectory(staging)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(staging)) {
            return files.count();
        }
    }

    @Test
    @Timeout(300)
    void killedWhileStaging_recoverRemovesTheStagedFile_andTheNextInstallSucceeds() throws Exception {
        long size = 16L << 20;
        CrashScenario scenario = new CrashScenario(dir.resolve("scenario"), size, true);

        Path recovered = scenario.killed("stage:" + size / 2, "kill-recover");
        assertThat(stagedFiles(recovered)).as("the kill left staged payloads, the last one half written").isPositive();
        assertThat(InstallerMain.commandLine().execute(CrashScenario.recoverArgs(recovered).toArray(String[]::new)))
                .isZero();
        assertThat(stagedFiles(recovered)).isZero();
        assertThat(TreeSnapshot.of(recovered.resolve("dwcore"), "logs", "run")).isEqualTo(scenario.before);

        Path installed = scenario.killed("stage:" + size / 2, "kill-install");
        assertThat(InstallerMain.commandLine().execute(scenario.installArgs(installed).toArray(String[]::new)))
                .isZero();
        assertThat(stagedFiles(installed)).isZero();
        assertThat(TreeSnapshot.of(installed.resolve("dwcore"), "logs", "run")).isEqualTo(scenario.after);
    }
}
