package org.suptools.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.suptools.installer.api.InstallError;
import org.suptools.installer.api.InstallStatus;
import org.suptools.installer.api.event.InstallEvent;
import org.suptools.installer.api.event.PackageInfo;
import org.suptools.installer.api.event.RequestInfo;

/** The demo's live lines and summary rows for installs DemoIT does not make: refused, failed and rolled back. */
class DemoProgressTest {

    private static final Instant AT = Instant.parse("2026-12-03T10:15:30Z");
    private static final PackageInfo PACKAGE = new PackageInfo(Optional.of("acme-config"), Optional.of("1.4.0"),
            "acme-config-1.4.0.sup", "ab".repeat(32), List.of("ops-2026", "ops-2027"));

    private final StringWriter printed = new StringWriter();
    private final DemoProgress progress = new DemoProgress(new PrintWriter(printed));

    @Test
    void aFailedInstall_showsEachStepAndTheRollback_andItsRowsKeepTimesAndMessages() {
        tell(new InstallEvent.Started(AT, "i-1", RequestInfo.manual(Optional.empty()),
                        PackageInfo.ofFile("acme-config-1.4.0.sup", "ab".repeat(32))),
                new InstallEvent.Verified(AT, PACKAGE),
                new InstallEvent.Planned(AT, List.of(
                        new InstallEvent.PlannedStep(1, "stop", "runtime.stop", Optional.empty(), Optional.empty()),
                        new InstallEvent.PlannedStep(2, "config", "file.copy", Optional.empty(), Optional.empty()))),
                new InstallEvent.ActionStarted(AT, 1, 2, "stop", "runtime.stop"),
                new InstallEvent.ActionSucceeded(AT.plusMillis(1500), 1, 2, "stop", "runtime.stop", "stopped",
                        Optional.empty(), Optional.empty()),
                new InstallEvent.ActionStarted(AT.plusMillis(1500), 2, 2, "config", "file.copy"),
                new InstallEvent.ActionFailed(AT.plusMillis(1750), 2, 2, "config", "file.copy", "disk full",
                        Optional.empty(), Optional.empty(), false),
                new InstallEvent.RollbackStarted(AT, "config failed"),
                new InstallEvent.ActionRolledBack(AT, 1, 2, "stop", "runtime.stop"),
                new InstallEvent.Finished(AT, InstallStatus.ROLLED_BACK, Optional.of(InstallError.ACTION_FAILED),
                        "config failed: disk full", true, Optional.empty()));
        progress.otherLine("runtime: listening on 8080");

        assertThat(printed.toString().lines()).containsExactly(
                "   started, install id i-1",
                "   verified: acme-config 1.4.0, signed by [\"ops-2026\",\"ops-2027\"]",
                "   planned: 2 actions, every path inside the allowed roots",
                "   [1/2] runtime.stop stop succeeded in 1.50 s: stopped",
                "   [2/2] file.copy config failed in 0.25 s: disk full",
                "   rolling back: config failed",
                "   [1/2] runtime.stop stop rolled back",
                "   finished: rolled-back (a reboot is required)",
                "   runtime: listening on 8080");
        assertThat(progress.rows()).extracting(DemoActionRow::summaryLine).containsExactly(
                "  1. runtime.stop         stop         rolled-back   1.50 s  stopped",
                "  2. file.copy            config       failed        0.25 s  disk full");
    }

    @Test
    void aRefusedInstall_saysWhyWithItsCode_andLeavesEveryActionNotRun() {
        tell(new InstallEvent.Planned(AT, List.of(
                        new InstallEvent.PlannedStep(1, "config", "file.copy", Optional.empty(), Optional.empty()))),
                new InstallEvent.Refused(AT, InstallError.UNTRUSTED, "no trusted signature"));

        assertThat(printed.toString().lines()).containsExactly(
                "   planned: 1 actions, every path inside the allowed roots",
                "   REFUSED (untrusted, -90101): no trusted signature");
        assertThat(progress.rows()).extracting(DemoActionRow::summaryLine)
                // The status column 11 wide, then an empty time column 8 wide and no message.
                .containsExactly("  1. file.copy            config       not-run" + " ".repeat(4) + " " + " ".repeat(8)
                        + "  ");
    }

    @Test
    void aRollbackThatFails_isShoutedAndMarkedOnItsRow() {
        tell(new InstallEvent.Planned(AT, List.of(
                        new InstallEvent.PlannedStep(1, "stop", "runtime.stop", Optional.empty(), Optional.empty()))),
                new InstallEvent.ActionRollbackFailed(AT, 1, 1, "stop", "runtime.stop", "cannot start"));

        assertThat(printed.toString().lines())
                .endsWith("   [1/1] runtime.stop stop COULD NOT BE ROLLED BACK: cannot start");
        assertThat(progress.rows()).extracting(DemoActionRow::summaryLine).singleElement().asString()
                .contains(" rollback-failed ");
    }

    private void tell(InstallEvent... events) {
        for (InstallEvent event : events) {
            event.sendTo(progress);
        }
    }
}
