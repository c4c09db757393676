package org.suptools.installer.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.suptools.installer.api.ActionStatus;
import org.suptools.installer.api.ExitCode;
import org.suptools.installer.api.InstallError;
import org.suptools.installer.api.InstallStatus;
import org.suptools.installer.api.report.ActionRecord;
import org.suptools.installer.api.report.Confirmation;
import org.suptools.installer.state.Inventory;
import org.suptools.installer.testing.FakeRuntime;
import org.suptools.installer.testing.TestArchives;
import org.suptools.installer.testing.TestGateway;
import org.suptools.installer.testing.TestPackages;
import org.suptools.installer.testing.TreeSnapshot;

/** A failing action rolls the whole package back: the runtime home as before, the runtime as it was. */
class RollbackTest {

    @TempDir
    Path dir;

    static final String EIGHT_ACTIONS = TestPackages.header("acme-app", "2.0.0") + """
            actions:
              - id: stop
                type: runtime.stop
              - id: data-dir
                type: dir.create
                path: data/new
              - id: config
                type: file.copy
                source: app.conf
                destination: conf/app.conf
              - id: tune
                type: properties.set
                file: conf/dwcore.user.properties
                set:
                  dw.http.port: "9090"
              - id: bundle
                type: archive.extract
                source: bundle.tar.gz
                destination: apps/bundle
              - id: old-cache
                type: file.delete
                path: cache
                recursive: true
              - id: check
                type: command.run
                command: [sh, -c, "test ! -e blocker"]
              - id: start
                type: runtime.start
            """;

    Map<String, Object> payloads() throws Exception {
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put("lib/", "");
        bundle.put("lib/app.jar", "jar bytes");
        bundle.put("README", "read me");
        return Map.of("app.conf", "new app config\n", "bundle.tar.gz", TestArchives.tarGz(bundle));
    }

    /** Makes action {@code n} fail through the state of the gateway (or of its runtime). */
    static void obstruct(int n, TestGateway gateway, FakeRuntime runtime) throws Exception {
        Path home = gateway.home();
        switch (n) {
            case 1 -> runtime.failStop(true);
            case 2 -> Files.writeString(home.resolve("data/new"), "a file where the directory should go");
            case 3 -> {
                Files.delete(home.resolve("conf/app.conf"));
                Files.createDirectory(home.resolve("conf/app.conf"));
            }
            case 4 -> Files.delete(home.resolve("conf/dwcore.user.properties"));
            case 5 -> {
                Files.createDirectories(home.resolve("apps/bundle"));
                Files.writeString(home.resolve("apps/bundle/lib"), "a file where the archive has a directory");
            }
            case 6 -> {
                Files.walk(home.resolve("cache")).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            case 7 -> Files.writeString(home.resolve("blocker"), "makes the check fail");
            case 8 -> runtime.failStarts(1);
            default -> throw new IllegalArgumentException("no action " + n);
        }
    }

    @ParameterizedTest(name = "action {0} of 8 fails")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void failingAction_rollsBackEverythingBeforeIt(int n) throws Exception {
        FakeRuntime runtime = new FakeRuntime(true);
        TestGateway gateway = TestGateway.create(dir.resolve("gw"), runtime);
        Path sup = TestPackages.signed(dir.resolve("app.sup"), EIGHT_ACTIONS, payloads());
        obstruct(n, gateway, runtime);
        TreeSnapshot before = gateway.snapshot();

        InstallOutcome outcome = gateway.install(sup);

        assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCode.FAILED);
        assertThat(outcome.status()).contains(InstallStatus.ROLLED_BACK);
        assertThat(outcome.message()).startsWith("acme-app 2.0.0: action " + n + " failed: ").contains(switch (n) {
            case 1 -> "cannot stop the runtime";
            case 2 -> "data/new exists and is not a directory";
            case 3 -> "conf/app.conf is a directory";
            case 4 -> "dwcore.user.properties does not exist";
            case 5 -> "archive entry 'lib' is a directory, but";
            case 6 -> "cache does not exist";
            case 7 -> "'sh -c test ! -e blocker' exited with 1";
            default -> "the runtime did not start healthy";
        });
        TreeSnapshot after = gateway.snapshot();
        assertThat(after).as(before.diff(after)).isEqualTo(before);
        assertThat(runtime.isRunning()).as("the runtime runs again, as before the install").isTrue();

        Confirmation confirmation = Confirmation.read(gateway.logs().resolve("confirmation.json"));
        assertThat(confirmation.status()).isEqualTo(InstallStatus.ROLLED_BACK);
        assertThat(confirmation.errorCode()).isEqualTo(InstallError.ACTION_FAILED.code());
        List<ActionStatus> statuses = confirmation.actions().stream().map(ActionRecord::status).toList();
        for (int i = 1; i <= 8; i++) {
            ActionStatus expected = i < n ? ActionStatus.ROLLED_BACK : i == n ? ActionStatus.FAILED : ActionStatus.NOT_RUN;
            assertThat(statuses.get(i - 1)).as("action %d", i).isEqualTo(expected);
        }
        assertThat(confirmation.actions().get(n - 1).message()).isPresent();
        assertThat(Inventory.read(gateway.stateDir()).installed("acme-app")).isEmpty();
        assertThat(gateway.stateDir().resolve("journal/current.jsonl")).doesNotExist();
        List<String> audit = Files.readAllLines(gateway.logs().resolve("audit.log"));
        assertThat(audit).filteredOn(line -> line.contains(" WARNING ") && line.endsWith("rolled back")).hasSize(n - 1);
        assertThat(audit).last().asString().contains("ERROR SUP acme-app 2.0.0: failed and rolled back: action " + n);
    }

    @Test
    void commandThatHangs_isKilledAtItsTimeoutAndThePackageRollsBack() throws Exception {
        FakeRuntime runtime = new FakeRuntime(false);
        TestGateway gateway = TestGateway.create(dir.resolve("gw"), runtime);
        Path sup = TestPackages.signed(dir.resolve("hang.sup"), TestPackages.header("hang", "1.0.0") + """
                actions:
                  - id: config
                    type: file.copy
                    source: app.conf
                    destination: conf/app.conf
                  - id: hang
                    type: command.run
                    command: [sh, -c, "echo going to sleep; sleep 60"]
                    timeout: 1s
                """, Map.of("app.conf", "new\n"));
        TreeSnapshot before = gateway.snapshot();
        Instant start = Instant.now();

        InstallOutcome outcome = gateway.install(sup);

        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(20));
        assertThat(outcome.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(outcome.message()).contains("timed out after 1s and was killed");
        assertThat(gateway.snapshot()).isEqualTo(before);
        ActionRecord hang = Confirmation.read(gateway.logs().resolve("confirmation.json")).actions().get(1);
        assertThat(hang.status()).isEqualTo(ActionStatus.FAILED);
        assertThat(hang.outputTail()).hasValueSatisfying(tail -> assertThat(tail).contains("going to sleep"));
    }

    @Test
    void continueOnError_recordsTheFailureAndCompletesThePackage() throws Exception {
        TestGateway gateway = TestGateway.create(dir.resolve("gw"), new FakeRuntime(false));
        Path sup = TestPackages.signed(dir.resolve("c.sup"), TestPackages.header("c", "1.0.0") + """
                actions:
                  - id: optional
                    type: command.run
                    command: [sh, -c, "echo oops; exit 7"]
                    onError: continue
                  - id: config
                    type: file.copy
                    source: app.conf
                    destination: conf/app.conf
                """, Map.of("app.conf", "new\n"));

        InstallOutcome outcome = gateway.install(sup);

        assertThat(outcome.exitCode()).isEqualTo(ExitCode.SUCCEEDED);
        assertThat(gateway.read("conf/app.conf")).isEqualTo("new\n");
        Confirmation confirmation = Confirmation.read(gateway.logs().resolve("confirmation.json"));
        assertThat(confirmation.actions()).extracting(ActionRecord::status)
                .containsExactly(ActionStatus.FAILED, ActionStatus.SUCCEEDED);
        assertThat(confirmation.actions().get(0).exitCode()).contains(7);
        assertThat(Files.readAllLines(gateway.logs().resolve("audit.log")))
                .anyMatch(line -> line.contains("ERROR SUP c 1.0.0: action 1/2 command.run failed: 'sh -c echo oops; exit 7' exited with 7"));
    }

    @Test
    void failurePolicyStop_keepsWhatWasDoneAndStops() throws Exception {
        TestGateway gateway = TestGateway.create(dir.resolve("gw"), new FakeRuntime(false));
        Path sup = TestPackages.signed(dir.resolve("s.sup"), TestPackages.header("s", "1.0.0") + """
                failurePolicy: stop
                actions:
                  - id: config
                    type: file.copy
                    source: app.conf
                    destination: conf/app.conf
                  - id: fail
                    type: command.run
                    command: ["false"]
                  - id: never
                    type: dir.create
                    path: never
                """, Map.of("app.conf", "new\n"));

        InstallOutcome outcome = gateway.install(sup);

        assertThat(outcome.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(outcome.status()).contains(InstallStatus.FAILED);
        assertThat(outcome.error()).contains(InstallError.STOPPED_ON_FAILURE);
        assertThat(gateway.read("conf/app.conf")).isEqualTo("new\n");
        assertThat(gateway.home().resolve("never")).doesNotExist();
        assertThat(Confirmation.read(gateway.logs().resolve("confirmation.json")).actions())
                .extracting(ActionRecord::status)
                .containsExactly(ActionStatus.SUCCEEDED, ActionStatus.FAILED, ActionStatus.NOT_RUN);
        assertThat(gateway.stateDir().resolve("journal/current.jsonl")).doesNotExist();
    }

    @Test
    void undoThatFails_isRecordedTheRestIsStillUndoneAndTheExitCodeAsksForAttention() throws Exception {
        TestGateway gateway = TestGateway.create(dir.resolve("gw"), new FakeRuntime(false));
        Path marker = dir.resolve("undo-ran");
        Path sup = TestPackages.signed(dir.resolve("u.sup"), TestPackages.header("u", "1.0.0") + """
                actions:
                  - id: config
                    type: file.copy
                    source: app.conf
                    destination: conf/app.conf
                  - id: stubborn
                    type: command.run
                    command: ["true"]
                    undo: [sh, -c, "echo cannot undo; exit 4"]
                  - id: second
                    type: command.run
                    command: ["true"]
                    undo: [touch, %s]
                  - id: fail
                    type: command.run
                    command: ["false"]
                """.formatted(marker), Map.of("app.conf", "new\n"));

        InstallOutcome outcome = gateway.install(sup);

        assertThat(outcome.exitCode()).isEqualTo(ExitCode.ROLLBACK_INCOMPLETE);
        assertThat(outcome.message()).contains("rollback incomplete").contains("exited with 4: cannot undo");
        assertThat(marker).exists();
        assertThat(gateway.read("conf/app.conf")).isEqualTo("old app config\n");
        Confirmation confirmation = Confirmation.read(gateway.logs().resolve("confirmation.json"));
        assertThat(confirmation.status()).isEqualTo(InstallStatus.ROLLBACK_INCOMPLETE);
        assertThat(confirmation.actions()).extracting(ActionRecord::status).containsExactly(ActionStatus.ROLLED_BACK,
                ActionStatus.ROLLBACK_FAILED, ActionStatus.ROLLED_BACK, ActionStatus.FAILED);
        assertThat(gateway.stateDir().resolve("journal/current.jsonl"))
                .as("kept for recover, once someone has fixed the cause").exists();
    }
}
