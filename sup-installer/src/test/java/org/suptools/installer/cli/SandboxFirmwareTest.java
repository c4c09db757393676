package org.suptools.installer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.installer.api.InstallStatus;
import org.suptools.installer.api.report.Confirmation;
import org.suptools.installer.process.ProcessResult;
import org.suptools.installer.process.ProcessRunner;
import org.suptools.installer.testing.TestPackages;
import org.suptools.samples.runtime.RuntimeHomeLayout;
import org.suptools.samples.sandbox.SandboxMain;
import picocli.CommandLine;

/**
 * A sandbox gateway with the real sample runtime: a firmware update swaps the runtime and it runs
 * healthy on the new version; a firmware whose runtime fails its health check is rolled back and
 * the old runtime runs again, on the settings the files hold again (the package had changed them
 * before the firmware).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SandboxFirmwareTest {

    @TempDir
    Path dir;

    Path home;

    static int run(String... args) {
        return run(InstallerMain.commandLine(), args);
    }

    /** {@code sup-sandbox ARGS}: the sandbox is the sample-packages module's command, test support here. */
    static int sandbox(String... args) {
        return run(SandboxMain.commandLine(), args);
    }

    private static int run(CommandLine commandLine, String... args) {
        StringWriter out = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(out, true));
        return commandLine.execute(args);
    }

    String health() throws Exception {
        ProcessResult result = new ProcessRunner().run(RuntimeHomeLayout.command(home, "health"), null, Map.of(),
                Duration.ofSeconds(20));
        return result.exitCode() + " " + result.outputTail();
    }

    @AfterEach
    void stopTheRuntime() throws Exception {
        if (home != null) {
            new ProcessRunner().run(RuntimeHomeLayout.command(home, "stop"), null, Map.of(), Duration.ofSeconds(30));
        }
    }

    @Test
    void firmwareUpdate_runsTheNewRuntime_andAnUnhealthyOneIsRolledBack() throws Exception {
        Path key = TestPackages.writePublicKey(dir.resolve("keys"), "ci", TestPackages.TRUSTED);
        Path sandbox = dir.resolve("sandbox");
        assertThat(sandbox(sandbox.toString(), "--trust", key.toString(), "--health-wait", "8s")).isZero();
        home = sandbox.resolve("dwcore");
        Path config = sandbox.resolve("gateway.yaml");
        assertThat(health()).startsWith("0 ").contains("\"version\":\"1.0.0\"");

        Path v2 = TestPackages.signed(dir.resolve("runtime-2.0.0.sup"), TestPackages.header("runtime", "2.0.0") + """
                actions:
                  - id: port
                    type: properties.set
                    file: conf/dwcore.user.properties
                    set:
                      dw.http.port: "9191"
                  - id: firmware
                    type: firmware.update
                    source: runtime-2.0.0.tar.gz
                    runtimeVersion: 2.0.0
                """, Map.of("runtime-2.0.0.tar.gz", RuntimeHomeLayout.firmwareArchive(dir.resolve("fw2.tar.gz"), "2.0.0",
                true)));
        assertThat(run("install", v2.toString(), "--config", config.toString())).isZero();
        assertThat(health()).startsWith("0 ").contains("\"version\":\"2.0.0\"", "\"dw.http.port\":\"9191\"");
        assertThat(Files.readString(home.resolve("runtime.previous/VERSION"))).isEqualTo("1.0.0\n");

        Path v3 = TestPackages.signed(dir.resolve("runtime-3.0.0.sup"), TestPackages.header("runtime", "3.0.0") + """
                actions:
                  - id: port
                    type: properties.set
                    file: conf/dwcore.user.properties
                    set:
                      dw.http.port: "9393"
                  - id: firmware
                    type: firmware.update
                    source: runtime-3.0.0.tar.gz
                    runtimeVersion: 3.0.0
                """, Map.of("runtime-3.0.0.tar.gz", RuntimeHomeLayout.firmwareArchive(dir.resolve("fw3.tar.gz"), "3.0.0",
                false)));
        assertThat(run("install", v3.toString(), "--config", config.toString())).isEqualTo(1);

        assertThat(health()).as("the 2.0.0 runtime runs again, on the restored settings").startsWith("0 ")
                .contains("\"version\":\"2.0.0\"", "\"dw.http.port\":\"9191\"").doesNotContain("9393");
        assertThat(Files.readString(home.resolve("runtime/VERSION"))).isEqualTo("2.0.0\n");
        assertThat(Files.readString(home.resolve("runtime.previous/VERSION"))).isEqualTo("1.0.0\n");
        assertThat(home.resolve("runtime/HEALTH_FAIL")).doesNotExist();
        Confirmation confirmation = Confirmation.read(home.resolve("logs/confirmation.json"));
        assertThat(confirmation.status()).isEqualTo(InstallStatus.ROLLED_BACK);
        assertThat(confirmation.actions().get(1).message()).hasValueSatisfying(m -> assertThat(m)
                .contains("the new runtime (runtime 3.0.0) did not start healthy"));
        assertThat(run("status", "--config", config.toString())).isZero();
        assertThat(List.of(home.getParent().toFile().list())).contains("gateway.yaml", "dwcore", "trust", "state");
    }
}
