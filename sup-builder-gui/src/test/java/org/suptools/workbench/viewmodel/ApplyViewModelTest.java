package org.suptools.workbench.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.installer.api.client.InstallerLauncher;
import org.suptools.workbench.service.BackgroundRunner;

/** The Packages tab against a scripted installer process that prints the installer's event lines. */
class ApplyViewModelTest {

    @TempDir
    Path dir;
    Path config;
    Path logs;
    final List<List<String>> commands = new ArrayList<>();
    final Deque<Object> script = new ArrayDeque<>();
    int exitCode;
    String stderr = "";
    boolean destroyed;
    ApplyViewModel vm;

    @BeforeEach
    void setUp() throws IOException {
        config = Files.writeString(dir.resolve("gateway.yaml"), "runtimeHome: home\n");
        logs = Files.createDirectories(dir.resolve("home/logs"));
        Files.writeString(logs.resolve("audit.log"), "2026-01-01T00:00:00Z INFO an earlier install\n");
        vm = new ApplyViewModel(this::start, BackgroundRunner.IN_PLACE, List.of("/opt/sup/bin/sup-installer"));
        vm.packageFileProperty().set(dir.resolve("app.sup"));
        vm.configFileProperty().set(config);
    }

    private InstallerLauncher.Running start(List<String> command) {
        commands.add(command);
        return new InstallerLauncher.Running() {
            @Override
            public int follow(Consumer<String> onLine) {
                while (!destroyed && !script.isEmpty()) {
                    Object step = script.poll();
                    if (step instanceof Runnable action) {
                        action.run();
                    } else {
                        onLine.accept((String) step);
                    }
                }
                return destroyed ? 143 : exitCode;
            }

            @Override
            public String stderrTail() {
                return destroyed ? "terminated\n" : stderr;
            }

            @Override
            public void stop() {
                destroyed = true;
            }
        };
    }

    private void events(String... lines) {
        script.addAll(List.of(lines));
    }

    private static final String PLANNED = "{\"event\":\"planned\",\"actions\":["
            + "{\"index\":1,\"id\":\"stop\",\"type\":\"runtime.stop\"},"
            + "{\"index\":2,\"id\":\"config\",\"type\":\"file.copy\"},"
            + "{\"index\":3,\"id\":\"start\",\"type\":\"runtime.start\"}]}";

    @Test
    void apply_runsTheInstallerWithEvents_andShowsEachActionThenTheConfirmationAndThisRunsAuditLines() {
        events("{\"event\":\"started\",\"installId\":\"i1\"}", "{\"event\":\"verified\"}", PLANNED,
                "{\"event\":\"action-started\",\"index\":1,\"total\":3,\"id\":\"stop\",\"type\":\"runtime.stop\"}",
                "{\"event\":\"action-succeeded\",\"index\":1,\"total\":3,\"id\":\"stop\",\"type\":\"runtime.stop\",\"message\":\"stopped\"}");
        script.add((Runnable) () -> assertThat(vm.rows()).extracting(ApplyRow::status)
                .containsExactly("succeeded", "pending", "pending"));
        events("{\"event\":\"action-started\",\"index\":2,\"total\":3,\"id\":\"config\",\"type\":\"file.copy\"}",
                "{\"event\":\"action-succeeded\",\"index\":2,\"total\":3,\"id\":\"config\",\"type\":\"file.copy\",\"message\":\"copied\"}",
                "{\"event\":\"action-started\",\"index\":3,\"total\":3,\"id\":\"start\",\"type\":\"runtime.start\"}",
                "{\"event\":\"action-succeeded\",\"index\":3,\"total\":3,\"id\":\"start\",\"type\":\"runtime.start\",\"message\":\"healthy\"}");
        script.add((Runnable) () -> writeReports("succeeded", "INFO SUP app 1.0.0: succeeded"));
        events("{\"event\":\"finished\",\"status\":\"succeeded\",\"message\":\"3 actions\",\"rebootRequired\":false}");

        vm.apply();

        assertThat(commands).containsExactly(List.of("/opt/sup/bin/sup-installer", "install", dir.resolve("app.sup").toString(),
                "--config", config.toString(), "--events"));
        assertThat(vm.rows()).extracting(ApplyRow::status).containsExactly("succeeded", "succeeded", "succeeded");
        assertThat(vm.rows()).extracting(ApplyRow::message).containsExactly("stopped", "copied", "healthy");
        assertThat(vm.outcomeProperty().get()).isEqualTo("succeeded");
        assertThat(vm.progressProperty().get()).isEqualTo(1.0);
        assertThat(vm.confirmationProperty().get()).contains("\"status\": \"succeeded\"");
        assertThat(vm.auditLines()).containsExactly("2026-01-02T00:00:00Z INFO SUP app 1.0.0: succeeded");
        assertThat(vm.phaseProperty().get()).isEqualTo(ApplyViewModel.Phase.FINISHED);
    }

    @Test
    void aFailingPackage_showsTheFailureAndTheRollback() {
        exitCode = 1;
        events(PLANNED,
                "{\"event\":\"action-started\",\"index\":1,\"total\":3,\"id\":\"stop\",\"type\":\"runtime.stop\"}",
                "{\"event\":\"action-succeeded\",\"index\":1,\"total\":3,\"id\":\"stop\",\"type\":\"runtime.stop\",\"message\":\"stopped\"}",
                "{\"event\":\"action-started\",\"index\":2,\"total\":3,\"id\":\"config\",\"type\":\"file.copy\"}",
                "{\"event\":\"action-failed\",\"index\":2,\"total\":3,\"id\":\"config\",\"type\":\"file.copy\",\"message\":\"disk full\",\"exitCode\":null,\"continuing\":false}",
                "{\"event\":\"rollback-started\",\"reason\":\"config failed\"}",
                "{\"event\":\"action-rolled-back\",\"index\":2,\"total\":3,\"id\":\"config\",\"type\":\"file.copy\"}",
                "{\"event\":\"action-rolled-back\",\"index\":1,\"total\":3,\"id\":\"stop\",\"type\":\"runtime.stop\"}",
                "{\"event\":\"finished\",\"status\":\"rolled-back\",\"error\":\"action-failed\",\"message\":\"config failed: disk full\",\"errorCode\":-90110}");

        vm.apply();

        assertThat(vm.rows()).extracting(ApplyRow::status).containsExactly("rolled back", "failed", "not run");
        assertThat(vm.rows().get(1).message()).isEqualTo("disk full");
        assertThat(vm.outcomeProperty().get()).isEqualTo("rolled-back");
        assertThat(vm.statusProperty().get()).isEqualTo("Finished: rolled-back: config failed: disk full (action-failed -90110)");
    }

    @Test
    void cancel_isOfferedBeforeTheFirstActionOnly_andStopsTheInstaller() {
        events("{\"event\":\"started\"}");
        script.add((Runnable) () -> {
            assertThat(vm.canCancelBinding().get()).isTrue();
            assertThat(vm.cancelHintProperty().get()).contains("before it changes anything");
            vm.cancel();
        });
        events(PLANNED, "{\"event\":\"action-started\",\"index\":1,\"total\":3,\"id\":\"stop\",\"type\":\"runtime.stop\"}");

        vm.apply();

        assertThat(destroyed).isTrue();
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.outcomeProperty().get()).isEqualTo("cancelled");
        assertThat(vm.statusProperty().get()).startsWith("Cancelled before any change");
    }

    @Test
    void onceActionsRun_cancelIsNotOffered() {
        events(PLANNED, "{\"event\":\"action-started\",\"index\":1,\"total\":3,\"id\":\"stop\",\"type\":\"runtime.stop\"}");
        script.add((Runnable) () -> {
            assertThat(vm.canCancelBinding().get()).isFalse();
            assertThat(vm.cancelHintProperty().get()).startsWith("Cannot cancel now");
            vm.cancel();
        });
        events("{\"event\":\"finished\",\"status\":\"succeeded\",\"message\":\"\"}");

        vm.apply();

        assertThat(destroyed).isFalse();
        assertThat(vm.outcomeProperty().get()).isEqualTo("succeeded");
    }

    @Test
    void dryRun_asksForThePlanOnly() {
        // As the installer does it: the stream ends after planned; the summary is on standard error.
        events("{\"event\":\"started\",\"installId\":\"i2\"}", "{\"event\":\"verified\"}", PLANNED);
        stderr = "dry run: app 1.0.0 verified; 3 of 3 actions would run; nothing was changed\n";

        vm.dryRun();

        assertThat(commands.get(0)).endsWith("--events", "--dry-run");
        assertThat(vm.rows()).extracting(ApplyRow::status).containsOnly("planned");
        assertThat(vm.outcomeProperty().get()).isEqualTo("planned");
        assertThat(vm.statusProperty().get()).isEqualTo("Dry run: app 1.0.0 verified; 3 of 3 actions would run; nothing was changed");
        assertThat(vm.confirmationProperty().get()).isEmpty();
    }

    @Test
    void aRefusedPackage_andTheInstallersOwnWords_areShown() {
        exitCode = 3;
        // As the installer does it: a refusal is the last event (no finished follows).
        events("not json: the installer's own line", "{\"event\":\"refused\",\"error\":\"untrusted\",\"errorCode\":-90101,\"message\":\"signed by an unknown key\"}");

        vm.apply();

        assertThat(vm.outcomeProperty().get()).isEqualTo("refused");
        assertThat(vm.statusProperty().get()).isEqualTo("Refused before any change (untrusted -90101): signed by an unknown key");
        assertThat(vm.log()).first().isEqualTo("not json: the installer's own line");
    }

    @Test
    void aBusyGateway_exit5_showsNoEarlierConfirmation() {
        exitCode = 5;
        stderr = "sup-installer: another installer holds the lock\n";
        writeReports("succeeded", "INFO an earlier one");

        vm.apply();

        assertThat(vm.outcomeProperty().get()).isEqualTo("busy");
        assertThat(vm.statusProperty().get()).contains("exit code 5").contains("another installer holds the lock");
        assertThat(vm.confirmationProperty().get()).isEmpty();
    }

    @Test
    void anotherRunsConfirmation_isNotShownAsThisOnes() throws IOException {
        exitCode = 1;
        events("{\"event\":\"started\",\"installId\":\"mine\"}");
        Files.writeString(logs.resolve("confirmation.json"), "{\"installId\": \"other\", \"status\": \"succeeded\"}");

        vm.apply();

        assertThat(vm.outcomeProperty().get()).isEqualTo("failed");
        assertThat(vm.confirmationProperty().get()).contains("not this run's");
    }

    @Test
    void anInstallerThatCannotStart_isReported() {
        vm = new ApplyViewModel(command -> {
            throw new IOException("No such file or directory");
        }, BackgroundRunner.IN_PLACE, List.of("/missing/sup-installer"));
        vm.packageFileProperty().set(dir.resolve("app.sup"));
        vm.configFileProperty().set(config);

        vm.apply();

        assertThat(vm.statusProperty().get()).contains("/missing/sup-installer").contains("No such file");
        assertThat(vm.canStartBinding().get()).isTrue();
    }

    @Test
    void cancel_whileTheInstallerIsBeingStarted_stopsItAsSoonAsItRuns() {
        vm = new ApplyViewModel(command -> {
            vm.cancel();
            return start(command);
        }, BackgroundRunner.IN_PLACE, List.of("/opt/sup/bin/sup-installer"));
        vm.packageFileProperty().set(dir.resolve("app.sup"));
        vm.configFileProperty().set(config);
        events(PLANNED, "{\"event\":\"action-started\",\"index\":1,\"total\":3,\"id\":\"stop\",\"type\":\"runtime.stop\"}");

        vm.apply();

        assertThat(destroyed).isTrue();
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.outcomeProperty().get()).isEqualTo("cancelled");
    }

    @Test
    void anInstallerEndedBySignal_withoutAReport_isShownWithItsExitCode() {
        exitCode = 137;

        vm.apply();

        assertThat(vm.outcomeProperty().get()).isEqualTo("exit 137");
        assertThat(vm.statusProperty().get()).isEqualTo("The installer ended with exit code 137 (ended abnormally)");
    }

    @Test
    void aRollbackThatCouldNotFinish_exit4_saysHowToRecover() {
        exitCode = 4;
        stderr = "sup-installer: the runtime could not be started after the rollback\n";

        vm.apply();

        assertThat(vm.outcomeProperty().get()).isEqualTo("rollback-incomplete");
        assertThat(vm.statusProperty().get()).contains("exit code 4", "the runtime could not be started")
                .endsWith("sup-installer recover --config " + config);
    }

    @Test
    void choosingAPackageAndAGateway_replacesTheChooseHint_withWhatApplyWouldDo() {
        ApplyViewModel fresh = new ApplyViewModel(this::start, BackgroundRunner.IN_PLACE, List.of("sup-installer"));
        assertThat(fresh.statusProperty().get()).isEqualTo("Choose a package and a gateway.");

        fresh.packageFileProperty().set(dir.resolve("app.sup"));
        assertThat(fresh.statusProperty().get()).isEqualTo("Choose a gateway.");
        fresh.configFileProperty().set(config);

        assertThat(fresh.statusProperty().get()).startsWith("Ready: Apply or Dry run app.sup on ");
    }

    @Test
    void choosingAnotherPackage_afterARun_clearsThePreviousResults() {
        events("{\"event\":\"started\",\"installId\":\"i1\"}", PLANNED,
                "{\"event\":\"action-started\",\"index\":1,\"total\":3,\"id\":\"stop\",\"type\":\"runtime.stop\"}",
                "{\"event\":\"action-succeeded\",\"index\":1,\"total\":3,\"id\":\"stop\",\"type\":\"runtime.stop\",\"message\":\"stopped\"}");
        script.add((Runnable) () -> writeReports("succeeded", "INFO SUP app 1.0.0: succeeded"));
        events("{\"event\":\"finished\",\"status\":\"succeeded\",\"message\":\"\"}");
        vm.apply();
        assertThat(vm.rows()).isNotEmpty();

        vm.packageFileProperty().set(dir.resolve("other.sup"));

        assertThat(vm.rows()).isEmpty();
        assertThat(vm.outcomeProperty().get()).isEmpty();
        assertThat(vm.confirmationProperty().get()).isEmpty();
        assertThat(vm.auditLines()).isEmpty();
        assertThat(vm.log()).isEmpty();
        assertThat(vm.progressProperty().get()).isZero();
        assertThat(vm.statusProperty().get()).startsWith("Ready: Apply or Dry run other.sup");
    }

    @Test
    void theLastActionDone_isNotShownAsAFullBar_untilTheInstallerHasFinished() {
        events(PLANNED,
                "{\"event\":\"action-started\",\"index\":3,\"total\":3,\"id\":\"start\",\"type\":\"runtime.start\"}",
                "{\"event\":\"action-succeeded\",\"index\":3,\"total\":3,\"id\":\"start\",\"type\":\"runtime.start\",\"message\":\"healthy\"}");
        double[] progressBeforeFinished = {-1};
        String[] statusBeforeFinished = {""};
        script.add((Runnable) () -> {
            progressBeforeFinished[0] = vm.progressProperty().get();
            statusBeforeFinished[0] = vm.statusProperty().get();
        });
        events("{\"event\":\"finished\",\"status\":\"succeeded\",\"message\":\"\"}");

        vm.apply();

        assertThat(progressBeforeFinished[0]).isBetween(0.0, 0.99);
        assertThat(statusBeforeFinished[0]).doesNotStartWith("Action 3 of 3");

        assertThat(vm.progressProperty().get()).isEqualTo(1.0);
        assertThat(vm.resultKindProperty().get()).isEqualTo(ApplyRow.Kind.SUCCESS);
    }

    @Test
    void aRolledBackRun_endsWithAFullBarInTheFailureColour_andActionsThatNeverRanSayNotRun() {
        exitCode = 1;
        events(PLANNED,
                "{\"event\":\"action-started\",\"index\":1,\"total\":3,\"id\":\"stop\",\"type\":\"runtime.stop\"}",
                "{\"event\":\"action-succeeded\",\"index\":1,\"total\":3,\"id\":\"stop\",\"type\":\"runtime.stop\",\"message\":\"stopped\"}",
                "{\"event\":\"action-started\",\"index\":2,\"total\":3,\"id\":\"config\",\"type\":\"file.copy\"}",
                "{\"event\":\"action-failed\",\"index\":2,\"total\":3,\"id\":\"config\",\"type\":\"file.copy\",\"message\":\"disk full\",\"continuing\":false}",
                "{\"event\":\"rollback-started\",\"reason\":\"config failed\"}",
                "{\"event\":\"action-rolled-back\",\"index\":1,\"total\":3,\"id\":\"stop\",\"type\":\"runtime.stop\"}",
                "{\"event\":\"finished\",\"status\":\"rolled-back\",\"error\":\"action-failed\",\"message\":\"config failed\",\"errorCode\":-90110}");

        vm.apply();

        assertThat(vm.rows()).extracting(ApplyRow::status).containsExactly("rolled back", "failed", "not run");
        assertThat(vm.progressProperty().get()).isEqualTo(1.0);
        assertThat(vm.resultKindProperty().get()).isEqualTo(ApplyRow.Kind.FAILURE);
    }

    private void writeReports(String status, String audit) {
        try {
            Files.writeString(logs.resolve("confirmation.json"), "{\n  \"status\": \"" + status + "\"\n}\n");
            Files.writeString(logs.resolve("audit.log"), "2026-01-02T00:00:00Z " + audit + "\n",
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
