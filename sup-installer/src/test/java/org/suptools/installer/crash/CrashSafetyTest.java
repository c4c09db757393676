package org.suptools.installer.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.installer.journal.JournalRecord;

/**
 * The real installer process (64 MiB heap), killed with SIGKILL and then recovered with
 * {@code recover}: the runtime home must be exactly as before the install or exactly as after it,
 * never between, and confirmation.json must say which.
 */
class CrashSafetyTest {

    @TempDir
    Path dir;

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
    @Timeout(170)
    void killedAtEveryJournalStep_recoverLeavesExactlyBeforeOrAfter() throws Exception {
        CrashScenario scenario = new CrashScenario(dir, 3L << 20, true);
        boolean all = Boolean.getBoolean(ALL_POINTS);
        List<String> points = new ArrayList<>();
        for (int k = 1; k <= scenario.fullJournal.size(); k++) {
            JournalRecord record = scenario.fullJournal.get(k - 1);
            boolean interesting = record instanceof JournalRecord.Steps || record instanceof JournalRecord.ActionBegun
                    || record instanceof JournalRecord.Committed || record instanceof JournalRecord.Finished
                    || record instanceof JournalRecord.InstallBegun;
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
    @Timeout(120)
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
    @Timeout(120)
    void killedWhileRollingBack_recoverFinishesTheRollback() throws Exception {
        CrashScenario scenario = new CrashScenario(dir, 1L << 20, true, true);
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

    private static int indexOf(List<JournalRecord> records, Class<?> type) {
        for (int i = 0; i < records.size(); i++) {
            if (type.isInstance(records.get(i))) {
                return i;
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in the journal");
    }
}
