package org.suptools.installer.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.installer.api.InstallError;
import org.suptools.installer.api.InstallStatus;
import org.suptools.installer.api.report.Confirmation;
import org.suptools.installer.fs.TestFault;
import org.suptools.installer.journal.Journal;
import org.suptools.installer.journal.JournalRecord;
import org.suptools.installer.testing.InstallerProcess;
import org.suptools.installer.testing.ReportsAgree;
import org.suptools.installer.testing.TestGateway;
import org.suptools.installer.testing.TreeSnapshot;

/**
 * The real installer process (64 MiB heap), killed with SIGKILL and then recovered with
 * {@code recover}: the runtime home must be exactly as before the install or exactly as after it,
 * never between; the runtime must run what the files say; and confirmation.json, the journal,
 * installed.json, the history and the TR50 reply must agree on which. Also faults injected into
 * the real process (a full disk, a journal that cannot be written) end in documented states.
 */
class CrashSafetyTest {

    @TempDir
    Path dir;

    /** Shared by the tests that can use the same package: each kills on copies of its gateway. */
    @TempDir
    static Path shared;
    private static CrashScenario standard;
    private static CrashScenario failing;

    /** The eight-action package with a 3 MiB payload, built and installed once. */
    static synchronized CrashScenario standard() throws Exception {
        if (standard == null) {
            standard = new CrashScenario(shared.resolve("standard"), 3L << 20, true);
        }
        return standard;
    }

    /** The same with a ninth action that fails, so that the install rolls back. */
    static synchronized CrashScenario failing() throws Exception {
        if (failing == null) {
            failing = new CrashScenario(shared.resolve("failing"), 1L << 20, true, true);
        }
        return failing;
    }

    /** Set to {@code true} to kill before every journal record, not only the ones that tell states apart. */
    static final String ALL_POINTS = "sup.crash.allPoints";

    /**
     * Where the runtime home can differ: just before each record that announces changes (the
     * changes before it are complete) and just after it (the announced ones not made yet), before
     * each action begins, around the commit record, and inside a copy. Killing just before an
     * action's "done" record leaves the same files as killing before the next action begins, so
     * those points run only with {@code -Dsup.crash.allPoints=true}, which kills before every record.
     */
    @Test
    // The timeouts guard against a hang, not a slow machine: this one took 68 s on an idle 2-core
    // machine and over 170 s on the same machine shared with four builds.
    @Timeout(420)
    void killedAtEveryJournalStep_recoverLeavesExactlyBeforeOrAfter() throws Exception {
        CrashScenario scenario = standard();
        boolean all = Boolean.getBoolean(ALL_POINTS);
        List<String> points = new ArrayList<>();
        for (int k = 1; k <= scenario.fullJournal.size(); k++) {
            JournalRecord record = scenario.fullJournal.get(k - 1);
            boolean interesting = record instanceof JournalRecord.Steps || record instanceof JournalRecord.ActionBegun
                    || record instanceof JournalRecord.Committed || record instanceof JournalRecord.Ended
                    || record instanceof JournalRecord.Finished || record instanceof JournalRecord.InstallBegun;
            if (all || interesting) {
                points.add("before-journal:" + k);
            }
            if (record instanceof JournalRecord.Steps) {
                points.add("journal:" + k);
            }
        }
        points.add("copy:" + (1 << 20));

        Map<String, String> outcomes = new LinkedHashMap<>();
        for (String point : points) {
            outcomes.put(point, scenario.killAndRecover(point));
        }

        int committedAt = indexOf(scenario.fullJournal, JournalRecord.Committed.class) + 1;
        assertThat(outcomes.get("before-journal:" + committedAt)).as("killed just before the commit record")
                .isEqualTo("before");
        assertThat(outcomes.get("before-journal:" + (committedAt + 1))).as("killed just after it").isEqualTo("after");
        assertThat(outcomes.values()).as(outcomes.toString()).contains("before", "after");
    }

    /** In the middle of copying a 64 MiB payload, at its very end, and right after it. */
    @Test
    @Timeout(300)
    void killedWhileCopyingALargePayload_recoverLeavesExactlyBefore() throws Exception {
        long size = 64L << 20;
        CrashScenario scenario = new CrashScenario(dir, size, false);
        int copyDone = 0;
        for (int k = 0; k < scenario.fullJournal.size(); k++) {
            if (scenario.fullJournal.get(k) instanceof JournalRecord.ActionDone done && done.index() == 2) {
                copyDone = k + 1;
            }
        }

        for (String point : List.of("copy:" + (size / 2), "copy:" + size, "before-journal:" + copyDone)) {
            assertThat(scenario.killAndRecover(point)).as(point).isEqualTo("before");
        }
    }

    /** While a failed install rolls back: at every record of the rollback. */
    @Test
    @Timeout(300)
    void killedWhileRollingBack_recoverFinishesTheRollback() throws Exception {
        CrashScenario scenario = failing();
        int rollback = indexOf(scenario.fullJournal, JournalRecord.RollbackBegun.class) + 1;
        List<String> points = new ArrayList<>();
        for (int k = rollback; k <= scenario.fullJournal.size(); k += 2) {
            points.add("before-journal:" + k);
        }

        for (String point : points) {
            assertThat(scenario.killAndRecover(point)).as(point).isEqualTo("before");
        }
        assertThat(points).hasSizeGreaterThan(3);
    }

    /**
     * A recovery killed just after its own rollback record, after its first undo, and in the
     * middle of undoing the firmware update, then run again: it ends as the first would have,
     * {@code interrupted} (no action failed), with the runtime on the restored files.
     */
    @Test
    @Timeout(300)
    void recoveryKilledWhileRollingBack_recoverAgainEndsTheSame() throws Exception {
        CrashScenario scenario = standard();
        int firmwareDone = indexOfDone(scenario.fullJournal, 7) + 1;

        for (int extra : List.of(1, 2, 4)) {
            Path gateway = scenario.killed("journal:" + firmwareDone, "twice-" + extra);
            int records = Journal.read(gateway.resolve("dwcore.sup-state").resolve(Journal.CURRENT)).size();
            scenario.kill(CrashScenario.recoverArgs(gateway), "journal:" + (records + extra));
            assertThat(scenario.recoverAndCheck(gateway, "recover killed at its record +" + extra,
                    Optional.of(InstallError.INTERRUPTED))).isEqualTo("before");
        }
    }

    /** The same for a package whose last action failed: it stays {@code action-failed}. */
    @Test
    @Timeout(300)
    void failedInstallsRecoveryKilled_recoverAgainStaysActionFailed() throws Exception {
        CrashScenario scenario = failing();
        int rollback = indexOf(scenario.fullJournal, JournalRecord.RollbackBegun.class) + 1;

        Path gateway = scenario.killed("journal:" + (rollback + 1), "twice");
        int records = Journal.read(gateway.resolve("dwcore.sup-state").resolve(Journal.CURRENT)).size();
        scenario.kill(CrashScenario.recoverArgs(gateway), "journal:" + (records + 1));
        assertThat(scenario.recoverAndCheck(gateway, "recover killed after its first undo",
                Optional.of(InstallError.ACTION_FAILED))).isEqualTo("before");
    }

    /**
     * A disk that fills while a payload is copied: the copy fails, its partial file goes, the
     * rollback runs, and the install ends with exit 1 and final reports, nothing left to recover.
     */
    @Test
    @Timeout(300)
    void diskFullWhileCopying_theActionFailsAndTheInstallRollsBackWithExit1() throws Exception {
        CrashScenario scenario = standard();
        Path gateway = scenario.copyOfTemplate("disk-full");

        InstallerProcess installer = InstallerProcess.start(scenario.installArgs(gateway), Optional.empty(),
                Map.of(TestFault.VARIABLE, "disk-full:" + (1 << 20)), true);

        assertThat(installer.waitFor(90)).as("stderr: %s", installer.stderr()).isEqualTo(1);
        assertThat(String.join("\n", installer.stderr())).contains("action 2 failed: I/O error: No space left on device",
                "everything was rolled back");
        assertThat(TreeSnapshot.of(gateway.resolve("dwcore"), "logs", "run")).isEqualTo(scenario.before);
        new ReportsAgree(gateway, "a full disk", false, Optional.of(InstallError.ACTION_FAILED)).check();
        assertThat(Files.readString(gateway.resolve("runstate/running")))
                .isEqualTo(TestGateway.loadedSettings(gateway.resolve("dwcore")));
    }

    /**
     * A journal that cannot be written any more (here from its 12th record on): the install can
     * neither go on nor undo, so it ends with exit 4 and confirmation.json says so (never
     * {@code in-progress}); once the cause is gone, {@code recover} rolls it back.
     */
    @Test
    @Timeout(300)
    void journalThatCannotBeWritten_exit4WithAFinalConfirmation_andRecoverFinishes() throws Exception {
        CrashScenario scenario = standard();
        Path gateway = scenario.copyOfTemplate("journal-fault");

        InstallerProcess installer = InstallerProcess.start(scenario.installArgs(gateway), Optional.empty(),
                Map.of(TestFault.VARIABLE, "journal:12"), true);

        assertThat(installer.waitFor(90)).as("stderr: %s", installer.stderr()).isEqualTo(4);
        assertThat(String.join("\n", installer.stderr())).contains("the install stopped on an unexpected error",
                "journal record 12 could not be written", "sup-installer recover");
        Confirmation stopped = CrashScenario.confirmation(gateway).orElseThrow();
        assertThat(stopped.status()).isEqualTo(InstallStatus.ROLLBACK_INCOMPLETE);
        assertThat(stopped.errorCode()).isEqualTo(InstallError.ROLLBACK_INCOMPLETE.code());

        assertThat(scenario.recoverAndCheck(gateway, "a journal that failed", Optional.of(InstallError.INTERRUPTED)))
                .isEqualTo("before");
    }

    private static int indexOfDone(List<JournalRecord> records, int action) {
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i) instanceof JournalRecord.ActionDone done && done.index() == action) {
                return i;
            }
        }
        throw new AssertionError("action " + action + " never ended in the journal");
    }

    private static int indexOf(List<JournalRecord> records, Class<?> type) {
        for (int i = 0; i < records.size(); i++) {
            if (type.isInstance(records.get(i))) {
                return i;
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in the journal");
    }
}
