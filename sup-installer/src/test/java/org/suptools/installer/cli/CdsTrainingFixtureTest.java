package org.suptools.installer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.installer.api.ActionStatus;
import org.suptools.installer.api.InstallStatus;
import org.suptools.installer.api.report.ActionRecord;
import org.suptools.installer.api.report.Confirmation;
import org.suptools.installer.testing.TreeSnapshot;

/**
 * The fixture of bin/sup-installer's class-data training run (src/cds, see its README) still
 * installs with the installer as it is now, every action run, exactly as the launcher runs it: on
 * a copy of the gateway, leaving the committed fixture untouched. When the format changes, this
 * fails and the README says how to rebuild the package.
 */
class CdsTrainingFixtureTest {

    static final Path FIXTURE = Path.of("src/cds");

    @TempDir
    Path dir;

    @Test
    void trainingInstall_succeedsOnACopyOfTheGateway_withEveryActionRun_andTheFixtureUntouched() throws Exception {
        TreeSnapshot before = TreeSnapshot.of(FIXTURE);
        Path gateway = copy(FIXTURE.resolve("gateway"), dir.resolve("cds-training/gateway"));
        StringWriter out = new StringWriter();

        int exit = InstallerMain.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(out, true))
                .execute("install", FIXTURE.resolve("cds-training.sup").toString(), "--config",
                        gateway.resolve("gateway.yaml").toString(), "--events");

        assertThat(exit).as(out.toString()).isZero();
        Confirmation confirmation = Confirmation.read(gateway.resolve("dwcore/logs/confirmation.json"));
        assertThat(confirmation.status()).isEqualTo(InstallStatus.SUCCEEDED);
        assertThat(confirmation.actions()).extracting(ActionRecord::type).containsExactly("runtime.stop", "dir.create",
                "archive.extract", "file.copy", "properties.set", "verify", "runtime.start");
        assertThat(confirmation.actions()).extracting(ActionRecord::status).containsOnly(ActionStatus.SUCCEEDED);
        assertThat(Files.readString(gateway.resolve("dwcore/conf/app.properties"))).contains("app.port=8080")
                .doesNotContain("app.debug");
        assertThat(TreeSnapshot.of(FIXTURE)).isEqualTo(before);
    }

    @Test
    void trainingGateway_passesCheckConfig() throws Exception {
        Path gateway = copy(FIXTURE.resolve("gateway"), dir.resolve("gateway"));

        int exit = InstallerMain.commandLine().setOut(new PrintWriter(new StringWriter()))
                .execute("check-config", "--config", gateway.resolve("gateway.yaml").toString());

        assertThat(exit).isZero();
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
        return to;
    }
}
