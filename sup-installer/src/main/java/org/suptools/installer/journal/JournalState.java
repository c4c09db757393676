package org.suptools.installer.journal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.suptools.installer.journal.JournalRecord.ActionBegun;
import org.suptools.installer.journal.JournalRecord.ActionDone;
import org.suptools.installer.journal.JournalRecord.ActionUndone;
import org.suptools.installer.journal.JournalRecord.Committed;
import org.suptools.installer.journal.JournalRecord.Finished;
import org.suptools.installer.journal.JournalRecord.InstallBegun;
import org.suptools.installer.journal.JournalRecord.Kept;
import org.suptools.installer.journal.JournalRecord.RollbackBegun;
import org.suptools.installer.journal.JournalRecord.StepReversed;
import org.suptools.installer.journal.JournalRecord.Steps;

/** What a journal says happened: read by the rollback and by recovery after a crash. */
public record JournalState(
        Optional<InstallBegun> install,
        List<Integer> begun,
        Map<Integer, List<UndoStep>> steps,
        Map<Integer, String> done,
        Set<Integer> undone,
        Set<Integer> undoFailed,
        Set<String> reversed,
        Optional<RollbackBegun> rollback,
        Optional<Committed> committed,
        Optional<Kept> kept,
        Optional<Finished> finished) {

    public static JournalState of(List<JournalRecord> records) {
        Optional<InstallBegun> install = Optional.empty();
        List<Integer> begun = new ArrayList<>();
        Map<Integer, List<UndoStep>> steps = new LinkedHashMap<>();
        Map<Integer, String> done = new LinkedHashMap<>();
        Set<Integer> undone = new HashSet<>();
        Set<Integer> undoFailed = new HashSet<>();
        Set<String> reversed = new HashSet<>();
        Optional<RollbackBegun> rollback = Optional.empty();
        Optional<Committed> committed = Optional.empty();
        Optional<Kept> kept = Optional.empty();
        Optional<Finished> finished = Optional.empty();
        for (JournalRecord record : records) {
            if (record instanceof InstallBegun r) {
                install = Optional.of(r);
            } else if (record instanceof ActionBegun r) {
                if (!begun.contains(r.index())) {
                    begun.add(r.index());
                }
            } else if (record instanceof Steps r) {
                steps.computeIfAbsent(r.index(), k -> new ArrayList<>()).addAll(r.steps());
            } else if (record instanceof ActionDone r) {
                done.put(r.index(), r.status());
            } else if (record instanceof RollbackBegun r) {
                rollback = Optional.of(r);
            } else if (record instanceof StepReversed r) {
                reversed.add(key(r.index(), r.step()));
            } else if (record instanceof ActionUndone r) {
                if (r.ok()) {
                    undone.add(r.index());
                    undoFailed.remove(r.index());
                } else {
                    undoFailed.add(r.index());
                }
            } else if (record instanceof Committed r) {
                committed = Optional.of(r);
            } else if (record instanceof Kept r) {
                kept = Optional.of(r);
            } else if (record instanceof Finished r) {
                finished = Optional.of(r);
            }
        }
        return new JournalState(install, List.copyOf(begun), Map.copyOf(steps), Map.copyOf(done), Set.copyOf(undone),
                Set.copyOf(undoFailed), Set.copyOf(reversed), rollback, committed, kept, finished);
    }

    public List<UndoStep> stepsOf(int index) {
        return steps.getOrDefault(index, List.of());
    }

    public boolean isReversed(int index, int step) {
        return reversed.contains(key(index, step));
    }

    /** True when the install reached a point from which it is completed rather than undone. */
    public boolean keepsChanges() {
        return committed.isPresent() || kept.isPresent();
    }

    private static String key(int index, int step) {
        return index + "/" + step;
    }
}
