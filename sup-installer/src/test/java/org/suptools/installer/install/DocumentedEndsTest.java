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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.suptools.installer.api.ExitCode;
import org.suptools.installer.api.InstallError;
import org.suptools.installer.api.InstallStatus;
import org.suptools.installer.api.event.RequestInfo;
import org.suptools.installer.api.report.Confirmation;
import org.suptools.installer.testing.FakeRuntime;
import org.suptools.installer.testing.ReportsAgree;
import org.suptools.installer.testing.TestArchives;
import org.suptools.installer.testing.TestGateway;
import org.suptools.installer.testing.TestPackages;
import org.suptools.installer.testing.TreeSnapshot;
import org.suptools.installer.testing.Unwritable;

/**
 * Faults end in a documented state, never in a locked gateway: a destination that cannot be
 * written rolls back to exit 1 (the original was never changed, so there is nothing to restore);
 * reports that cannot be written are said to be missing and {@code recover} writes them.
 */
class DocumentedEndsTest {

    @TempDir
    Path dir;

    static final String MAILBOX = "M-ENDS";

    static final String FIRST = """
              - id: data-dir
                type: dir.create
                path: data/new
            """;

    static String action(String kind) {
        return switch (kind) {
            case "file.copy" -> """
                      - id: write
                        type: file.copy
                        source: app.conf
                        destination: conf/app.conf
                    """;
            case "properties.set" -> """
                      - id: write
                        type: properties.set
                        file: conf/app.conf
                        set:
                          app.mode: new
                    """;
            case "file.delete" -> """
                      - id: write
                        type: file.delete
                        path: conf/app.conf
                    """;
            case "archive.extract" -> """
                      - id: write
                        type: archive.extract
                        source: conf.tar.gz
                        destination: conf
                    """;
            default -> throw new IllegalArgumentException(kind);
        };
    }

    InstallOutcome install(TestGateway gateway, Path sup) throws Exception {
        return gateway.install(sup, new RequestInfo(Optional.empty(), Optional.of(MAILBOX), Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"file.copy", "properties.set", "file.delete", "archive.extract"})
    void destinationThatCannotBeWritten_failsTheActionRollsBackWithExit1_andTheNextInstallRuns(String kind)
            throws Exception {
        FakeRuntime runtime = new FakeRuntime(false);
        TestGateway gateway = TestGateway.create(dir.resolve("gw"), runtime);
        Map<String, String> archive = new LinkedHashMap<>();
        archive.put("app.conf", "from the archive\n");
        Path sup = TestPackages.signed(dir.resolve("w.sup"), TestPackages.header("acme-w", "1.0.0") + "actions:\n"
                + FIRST + action(kind), Map.of("app.conf", "new\n", "conf.tar.gz", TestArchives.tarGz(archive)));
        Path next = TestPackages.signed(dir.resolve("next.sup"), TestPackages.header("acme-next", "1.0.0")
                + "actions:\n" + FIRST, Map.of());
        TreeSnapshot before = gateway.snapshot();

        InstallOutcome outcome;
        try (Unwritable locked = Unwritable.make(gateway.home().resolve("conf/app.conf"))) {
            outcome = install(gateway, sup);
        }

        assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCode.FAILED);
        assertThat(outcome.status()).contains(InstallStatus.ROLLED_BACK);
        assertThat(outcome.message()).startsWith("acme-w 1.0.0: action 2 failed: ").contains("app.conf")
                .endsWith("everything was rolled back");
        assertThat(gateway.snapshot()).isEqualTo(before);
        new ReportsAgree(gateway.dir(), kind + " to an unwritable destination", false,
                Optional.of(InstallError.ACTION_FAILED)).check();

        InstallOutcome after = install(gateway, next);
        assertThat(after.exitCode()).as("the next install: %s", after.message()).isEqualTo(ExitCode.SUCCEEDED);
    }

    @Test
    void reportsThatCannotBeWritten_installSaysSo_theNextInstallWaits_andRecoverWritesThem() throws Exception {
        FakeRuntime runtime = new FakeRuntime(false);
        TestGateway gateway = TestGateway.create(dir.resolve("gw"), runtime);
        // The last action leaves a file where the logs directory was: no report can be written there.
        Path sup = TestPackages.signed(dir.resolve("r.sup"), TestPackages.header("acme-r", "1.0.0") + """
                actions:
                  - id: config
                    type: file.copy
                    source: app.conf
                    destination: conf/app.conf
                  - id: break-logs
                    type: command.run
                    command: [sh, -c, "rm -rf logs && echo not a directory > logs"]
                """, Map.of("app.conf", "new\n"));
        Path next = TestPackages.signed(dir.resolve("next.sup"), TestPackages.header("acme-next", "1.0.0")
                + "actions:\n" + FIRST, Map.of());

        // Loaded while the logs directory is fine: once it is a file, the config check refuses the
        // config itself (exit 2), so an installer made afterwards would not even start.
        Path stateDir = gateway.stateDir();
        Installer installer = gateway.installer();
        RequestInfo request = new RequestInfo(Optional.empty(), Optional.of(MAILBOX), Optional.empty());

        InstallOutcome outcome = install(gateway, sup);

        assertThat(outcome.exitCode()).as("the package is installed: %s", outcome.message())
                .isEqualTo(ExitCode.SUCCEEDED);
        assertThat(outcome.warnings()).singleElement().asString().contains("these reports could not be written: "
                + "confirmation.json", "sup-installer recover writes them once it can");
        assertThat(stateDir.resolve("journal/current.jsonl")).as("kept open for recover").exists();
        assertThat(gateway.read("conf/app.conf")).isEqualTo("new\n");

        InstallOutcome waiting = installer.install(new InstallRequest(next, request, false), List.of(),
                Optional.empty());
        assertThat(waiting.exitCode()).as(waiting.message()).isEqualTo(ExitCode.ROLLBACK_INCOMPLETE);
        assertThat(waiting.error()).contains(InstallError.GATEWAY_NEEDS_ATTENTION);
        assertThat(waiting.message()).contains("these reports could not be written");

        Files.delete(gateway.home().resolve("logs"));
        Files.createDirectory(gateway.home().resolve("logs"));
        InstallOutcome recovered = gateway.installer().recover(List.of(), Optional.empty());

        assertThat(recovered.exitCode()).as(recovered.message()).isEqualTo(ExitCode.SUCCEEDED);
        assertThat(recovered.message()).contains("its reports, which could not be written before, are written now");
        Confirmation confirmation = new ReportsAgree(gateway.dir(), "reports written by recover", true,
                Optional.empty()).check();
        assertThat(confirmation.recovery()).as("the install was not interrupted; only its reports were late").isEmpty();
        assertThat(install(gateway, next).exitCode()).isEqualTo(ExitCode.SUCCEEDED);
    }
}
