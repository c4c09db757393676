package org.suptools.installer.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.installer.api.ExitCode;
import org.suptools.installer.api.InstallError;
import org.suptools.installer.api.InstallStatus;
import org.suptools.installer.api.event.RequestInfo;
import org.suptools.installer.api.report.Confirmation;
import org.suptools.installer.exec.CommandRunner;
import org.suptools.installer.process.ProcessRunner;
import org.suptools.installer.testing.FakeRuntime;
import org.suptools.installer.testing.ReportsAgree;
import org.suptools.installer.testing.TestGateway;
import org.suptools.installer.testing.TestPackages;
import org.suptools.installer.testing.TreeSnapshot;

/**
 * An error nobody expected (a clock, an executor or the runtime control throwing) at any point of
 * an install still ends it: rolled back (or, once committed, completed), confirmation.json final,
 * the history line and the TR50 reply written, the runtime on the files, the journal closed, and
 * a documented exit code; never a journal left pending with confirmation.json {@code in-progress}.
 */
class UnexpectedErrorTest {

    @TempDir
    Path dir;

    static final String MAILBOX = "M-FAULT";

    static String spec(boolean lastFails) {
        return TestPackages.header("acme-fault", "1.0.0") + """
                actions:
                  - id: config
                    type: file.copy
                    source: app.conf
                    destination: conf/app.conf
                  - id: tune
                    type: properties.set
                    file: conf/dwcore.user.properties
                    set:
                      dw.http.port: "9090"
                  - id: restart
                    type: runtime.restart
                  - id: last
                    type: command.run
                    command: ["%s"]
                """.formatted(lastFails ? "false" : "true");
    }

    /** The system clock, but its {@code n}-th reading (counted from 1) throws; 0 never throws. */
    static final class FaultyClock extends Clock {
        private final int failAt;
        final AtomicInteger calls = new AtomicInteger();

        FaultyClock(int failAt) {
            this.failAt = failAt;
        }

        @Override
        public Instant instant() {
            if (calls.incrementAndGet() == failAt) {
                throw new IllegalStateException("the clock broke at reading " + failAt);
            }
            return Instant.now();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    record Site(TestGateway gateway, FakeRuntime runtime) {
        Installer installer(Clock clock, CommandRunner commands) {
            return new Installer(gateway.config(), runtime, commands, clock);
        }

        InstallOutcome install(Installer installer, Path sup) throws IOException {
            return installer.install(new InstallRequest(sup, new RequestInfo(Optional.empty(), Optional.of(MAILBOX),
                    Optional.empty()), false), List.of(), Optional.empty());
        }
    }

    Site gateway(String name) throws Exception {
        Path home = dir.resolve(name).resolve("dwcore");
        FakeRuntime runtime = new FakeRuntime(true).loads(home.resolve("conf/dwcore.user.properties"));
        TestGateway gateway = TestGateway.create(dir.resolve(name), runtime);
        runtime.start();
        return new Site(gateway, runtime);
    }

    static CommandRunner realCommands() {
        return new ProcessCommands(new ProcessRunner());
    }

    @Test
    void clockThatThrowsAtAnyReading_installStillEndsWithFinalReportsAndADocumentedExitCode() throws Exception {
        for (boolean lastFails : List.of(false, true)) {
            Path sup = TestPackages.signed(dir.resolve("fault-" + lastFails + ".sup"), spec(lastFails),
                    Map.of("app.conf", "new\n"));
            Site reference = gateway("reference-" + lastFails);
            TreeSnapshot before = reference.gateway().snapshot();
            FaultyClock counting = new FaultyClock(0);
            reference.install(reference.installer(counting, realCommands()), sup);
            TreeSnapshot after = reference.gateway().snapshot();
            int readings = counting.calls.get();
            assertThat(readings).isGreaterThan(20);

            List<String> outcomes = new ArrayList<>();
            for (int n = 1; n <= readings; n++) {
                String context = (lastFails ? "failing" : "good") + " package, clock broken at reading " + n;
                Site gateway = gateway("clock-" + lastFails + "-" + n);
                InstallOutcome outcome = gateway.install(gateway.installer(new FaultyClock(n), realCommands()), sup);

                assertThat(outcome.exitCode()).as("%s: %s", context, outcome.message())
                        .isIn(ExitCode.SUCCEEDED, ExitCode.FAILED);
                TreeSnapshot now = gateway.gateway().snapshot();
                boolean installed = now.equals(after) && !lastFails;
                assertThat(now).as("%s: a tree as before or as after", context).isIn(before, after);
                assertThat(outcome.exitCode()).as(context).isEqualTo(installed ? ExitCode.SUCCEEDED : ExitCode.FAILED);
                Confirmation confirmation = new ReportsAgree(gateway.gateway().dir(), context, installed,
                        Optional.empty()).check();
                if (!installed) {
                    assertThat(confirmation.error().orElseThrow()).as(context).isIn(lastFails
                            ? List.of(InstallError.ACTION_FAILED, InstallError.INTERNAL) : List.of(InstallError.INTERNAL));
                }
                if (confirmation.status() != InstallStatus.REFUSED) {
                    assertThat(gateway.runtime().effective()).as("the runtime's settings, %s", context)
                            .contains(gateway.runtime().settingsNow());
                }
                outcomes.add(confirmation.status().text());
            }
            assertThat(outcomes).as("faults before any change, while running, after the commit")
                    .contains("refused", "rolled-back");
        }
    }

    @Test
    void executorThatThrowsUnexpectedly_failsItsActionAndRollsBack() throws Exception {
        Site gateway = gateway("executor");
        Path sup = TestPackages.signed(dir.resolve("e.sup"), spec(false), Map.of("app.conf", "new\n"));
        TreeSnapshot before = gateway.gateway().snapshot();
        CommandRunner broken = (command, workingDir, environment, timeout) -> {
            throw new ArithmeticException("long overflow");
        };

        InstallOutcome outcome = gateway.install(gateway.installer(Clock.systemUTC(), broken), sup);

        assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCode.FAILED);
        assertThat(outcome.message()).contains("action 4 failed: internal error: java.lang.ArithmeticException: "
                + "long overflow; everything was rolled back");
        assertThat(gateway.gateway().snapshot()).isEqualTo(before);
        new ReportsAgree(gateway.gateway().dir(), "an executor throwing", false, Optional.of(InstallError.ACTION_FAILED))
                .check();
        assertThat(gateway.runtime().effective()).contains(gateway.runtime().settingsNow());
    }

    @Test
    void runtimeControlThatThrowsUnexpectedlyDuringTheRollback_theRollbackIsFinishedFromTheJournal() throws Exception {
        Path home = dir.resolve("control/dwcore");
        // The third start is the rollback's: the test's is the first, the restart action's the second.
        FakeRuntime runtime = new FakeRuntime(true).loads(home.resolve("conf/dwcore.user.properties"))
                .brokenAtStart(3);
        TestGateway testGateway = TestGateway.create(dir.resolve("control"), runtime);
        runtime.start();
        Site gateway = new Site(testGateway, runtime);
        Path sup = TestPackages.signed(dir.resolve("c.sup"), spec(true), Map.of("app.conf", "new\n"));
        TreeSnapshot before = testGateway.snapshot();

        InstallOutcome outcome = gateway.install(gateway.installer(Clock.systemUTC(), realCommands()), sup);

        assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCode.FAILED);
        assertThat(outcome.message()).contains("action 4 failed", "everything was rolled back",
                "after an unexpected error: internal error: java.lang.IllegalStateException: runtime control broke");
        assertThat(testGateway.snapshot()).isEqualTo(before);
        new ReportsAgree(testGateway.dir(), "the runtime control throwing", false,
                Optional.of(InstallError.ACTION_FAILED)).check();
        assertThat(runtime.effective()).contains(runtime.settingsNow());
    }
}
