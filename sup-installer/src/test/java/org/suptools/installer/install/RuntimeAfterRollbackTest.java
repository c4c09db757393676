package org.suptools.installer.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.installer.api.ExitCode;
import org.suptools.installer.api.InstallError;
import org.suptools.installer.api.InstallStatus;
import org.suptools.installer.api.report.Confirmation;
import org.suptools.installer.testing.FakeRuntime;
import org.suptools.installer.testing.TestArchives;
import org.suptools.installer.testing.TestGateway;
import org.suptools.installer.testing.TestPackages;
import org.suptools.installer.testing.TreeSnapshot;

/**
 * After a rollback the runtime runs what the files say: it is started exactly once, after every
 * file is back, when it was running before the install; it stays stopped when it was stopped; and
 * when it cannot start, the install needs attention and {@code recover} finishes the job.
 */
class RuntimeAfterRollbackTest {

    @TempDir
    Path dir;

    /** Settings, then a firmware whose runtime fails its health check. */
    static final String SETTINGS_THEN_BROKEN_FIRMWARE = TestPackages.header("acme-fw", "3.0.0") + """
            actions:
              - id: port
                type: properties.set
                file: conf/dwcore.user.properties
                set:
                  dw.http.port: "9191"
                  dw.name: new-name
              - id: firmware
                type: firmware.update
                source: runtime-3.0.0.tar.gz
                runtimeVersion: 3.0.0
            """;

    TestGateway gateway(FakeRuntime[] holder, boolean running) throws Exception {
        Path home = dir.resolve("gw/dwcore");
        FakeRuntime runtime = new FakeRuntime(running).loads(home.resolve("conf/dwcore.user.properties"),
                home.resolve("runtime/VERSION")).unhealthyWhenExists(home.resolve("runtime/HEALTH_FAIL"));
        holder[0] = runtime;
        TestGateway gateway = TestGateway.create(dir.resolve("gw"), runtime);
        if (running) {
            runtime.start();
        }
        return gateway;
    }

    static byte[] firmware(String version, boolean healthy) throws Exception {
        Map<String, String> tree = new LinkedHashMap<>();
        if (!healthy) {
            tree.put("HEALTH_FAIL", "yes");
        }
        tree.put("VERSION", version + "\n");
        tree.put("bin/", "");
        tree.put("bin/run.sh", "#!/bin/sh\necho run " + version + "\n");
        return TestArchives.tarGz(tree);
    }

    @Test
    void brokenFirmwareAfterASettingsChange_runtimeStartsOnceOnTheRestoredSettings() throws Exception {
        FakeRuntime[] runtime = new FakeRuntime[1];
        TestGateway gateway = gateway(runtime, true);
        Path sup = TestPackages.signed(dir.resolve("fw.sup"), SETTINGS_THEN_BROKEN_FIRMWARE,
                Map.of("runtime-3.0.0.tar.gz", firmware("3.0.0", false)));
        TreeSnapshot before = gateway.snapshot();
        String settingsBefore = runtime[0].settingsNow();
        long startsBefore = runtime[0].starts();

        InstallOutcome outcome = gateway.install(sup);

        assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCode.FAILED);
        assertThat(gateway.snapshot()).isEqualTo(before);
        assertThat(runtime[0].effective()).as("the running runtime's settings are the restored files'")
                .contains(settingsBefore);
        // The firmware's own (failed) start, then exactly one start by the rollback, after the last undo.
        assertThat(runtime[0].starts() - startsBefore).isEqualTo(2);
        assertThat(runtime[0].calls()).endsWith("stop", "start");
        assertThat(outcome.status()).contains(InstallStatus.ROLLED_BACK);
    }

    @Test
    void restartAfterASettingsChange_thenAFailure_restartsOnceOnTheRestoredSettings() throws Exception {
        FakeRuntime[] runtime = new FakeRuntime[1];
        TestGateway gateway = gateway(runtime, true);
        Path sup = TestPackages.signed(dir.resolve("r.sup"), TestPackages.header("acme-r", "1.0.0") + """
                actions:
                  - id: port
                    type: properties.set
                    file: conf/dwcore.user.properties
                    set:
                      dw.http.port: "9191"
                  - id: restart
                    type: runtime.restart
                  - id: fail
                    type: command.run
                    command: ["false"]
                """, Map.of());
        String settingsBefore = runtime[0].settingsNow();

        InstallOutcome outcome = gateway.install(sup);

        assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCode.FAILED);
        assertThat(runtime[0].effective()).contains(settingsBefore);
        assertThat(runtime[0].calls()).as("start (test), restart (action), one restart by the rollback")
                .containsExactly("start", "stop", "start", "stop", "start");
    }

    @Test
    void runtimeStoppedBeforeTheInstall_staysStoppedAfterTheRollback() throws Exception {
        FakeRuntime[] runtime = new FakeRuntime[1];
        TestGateway gateway = gateway(runtime, false);
        Path sup = TestPackages.signed(dir.resolve("s.sup"), TestPackages.header("acme-s", "1.0.0") + """
                actions:
                  - id: start
                    type: runtime.start
                  - id: port
                    type: properties.set
                    file: conf/dwcore.user.properties
                    set:
                      dw.http.port: "9191"
                  - id: fail
                    type: command.run
                    command: ["false"]
                """, Map.of());

        InstallOutcome outcome = gateway.install(sup);

        assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCode.FAILED);
        assertThat(runtime[0].isRunning()).isFalse();
        assertThat(runtime[0].calls()).containsExactly("start", "stop");
    }

    @Test
    void nothingToRevert_runningRuntimeIsLeftAlone() throws Exception {
        FakeRuntime[] runtime = new FakeRuntime[1];
        TestGateway gateway = gateway(runtime, true);
        Path sup = TestPackages.signed(dir.resolve("n.sup"), TestPackages.header("acme-n", "1.0.0") + """
                actions:
                  - id: check
                    type: verify
                    check: file-exists
                    path: conf/app.conf
                  - id: fail
                    type: command.run
                    command: ["false"]
                """, Map.of());

        InstallOutcome outcome = gateway.install(sup);

        assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCode.FAILED);
        assertThat(runtime[0].calls()).as("only the test's own start").containsExactly("start");
    }

    @Test
    void runtimeCannotStartAfterTheRollback_saysWhatToFree_andRecoverFinishesOnceItCan() throws Exception {
        FakeRuntime[] runtime = new FakeRuntime[1];
        TestGateway gateway = gateway(runtime, true);
        Path sup = TestPackages.signed(dir.resolve("fw.sup"), SETTINGS_THEN_BROKEN_FIRMWARE,
                Map.of("runtime-3.0.0.tar.gz", firmware("3.0.0", false)));
        TreeSnapshot before = gateway.snapshot();
        String settingsBefore = runtime[0].settingsNow();
        Path home = gateway.home();
        // The firmware's own start fails (its health check), and so does the rollback's (a full disk).
        runtime[0].failStarts(2);
        long[] free = {12 * 1024};
        Installer installer = gateway.installer().withUsableSpace(path -> path.startsWith(home) ? free[0] : 1L << 40);

        InstallOutcome outcome = installer.install(new InstallRequest(sup,
                org.suptools.installer.api.event.RequestInfo.manual(Optional.empty()), false), List.of(), Optional.empty());

        assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCode.ROLLBACK_INCOMPLETE);
        assertThat(outcome.message()).contains("the runtime could not be started after the rollback",
                "the file system of the runtime home " + home + " has 12 KiB free: free at least 64 MiB there",
                "once the cause is fixed, sup-installer recover finishes the job");
        assertThat(gateway.snapshot()).as("every file is back").isEqualTo(before);
        Confirmation incomplete = Confirmation.read(gateway.logs().resolve("confirmation.json"));
        assertThat(incomplete.status()).isEqualTo(InstallStatus.ROLLBACK_INCOMPLETE);
        assertThat(incomplete.errorMessage()).contains("free at least 64 MiB");
        assertThat(gateway.stateDir().resolve("journal/current.jsonl")).exists();

        free[0] = 1L << 30;
        InstallOutcome recovered = installer.recover(List.of(), Optional.empty());

        assertThat(recovered.exitCode()).as(recovered.message()).isEqualTo(ExitCode.SUCCEEDED);
        assertThat(runtime[0].effective()).contains(settingsBefore);
        assertThat(runtime[0].calls()).endsWith("start", "start");
        Confirmation rolledBack = Confirmation.read(gateway.logs().resolve("confirmation.json"));
        assertThat(rolledBack.status()).isEqualTo(InstallStatus.ROLLED_BACK);
        assertThat(rolledBack.error()).contains(InstallError.ACTION_FAILED);
        assertThat(gateway.stateDir().resolve("journal/current.jsonl")).doesNotExist();
        assertThat(org.suptools.installer.state.History.read(gateway.stateDir())).hasSize(1)
                .allSatisfy(entry -> assertThat(entry.status()).isEqualTo(InstallStatus.ROLLED_BACK));
        assertThat(Files.readString(home.resolve("runtime/VERSION"))).isEqualTo("1.0.0\n");
    }
}
