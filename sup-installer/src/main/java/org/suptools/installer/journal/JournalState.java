package org.suptools.installer.journal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.suptools.installer.api.ActionStatus;
import org.suptools.installer.journal.JournalRecord.ActionBegun;
import org.suptools.installer.journal.JournalRecord.ActionDone;
import org.suptools.installer.journal.JournalRecord.ActionUndone;
import org.suptools.installer.journal.JournalRecord.Committed;
import org.suptools.installer.journal.JournalRecord.Ended;
import org.suptools.installer.journal.JournalRecord.Fault;
import org.suptools.installer.journal.JournalRecord.Finished;
import org.suptools.installer.journal.JournalRecord.InstallBegun;
import org.suptools.installer.journal.JournalRecord.Kept;
import org.suptools.installer.journal.JournalRecord.RollbackBegun;
import org.suptools.installer.journal.JournalRecord.RuntimeRestored;
import org.suptools.installer.journal.JournalRecord.StepReversed;
import org.suptools.installer.journal.JournalRecord.Steps;

/**
 * What a journal says happened: read by the rollback, by recovery after a crash, and by the
 * reports, whose action statuses come from {@link #statusOf} alone.
 *
 * @param begun           the actions that began, in the order they began
 * @param begunAt         when each began
 * @param done            how each action that ended ended
 * @param undo            the last undo record of each action whose undo was tried
 * @param runtimeRestored the state the runtime was brought to after the last undo, if it was
 */
public record JournalState(
        Optional<InstallBegun> install,
        List<Integer> begun,
        Map<Integer, Instant> begunAt,
        Map<Integer, List<UndoStep>> steps,
        Map<Integer, ActionDone> done,
        Map<Integer, ActionUndone> undo,
        Set<String> reversed,
        Optional<RollbackBegun> rollback,
        Optional<Fault> fault,
        Optional<RuntimeState> runtimeRestored,
        Optional<Committed> committed,
        Optional<Kept> kept,
        Optional<Ended> ended,
        Optional<Finished> finished) {

    public JournalState {
        begun = List.copyOf(begun);
        begunAt = Map.copyOf(begunAt);
        steps = Map.copyOf(steps);
        done = java.util.Collections.unmodifiableMap(new TreeMap<>(done));
        undo = Map.copyOf(undo);
        reversed = Set.copyOf(reversed);
    }

    public static JournalState of(List<JournalRecord> records) {
        Optional<InstallBegun> install = Optional.empty();
        List<Integer> begun = new ArrayList<>();
        Map<Integer, Instant> begunAt = new LinkedHashMap<>();
        Map<Integer, List<UndoStep>> steps = new LinkedHashMap<>();
        Map<Integer, ActionDone> done = new LinkedHashMap<>();
        Map<Integer, ActionUndone> undo = new LinkedHashMap<>();
        Set<String> reversed = new java.util.HashSet<>();
        Optional<RollbackBegun> rollback = Optional.empty();
        Optional<Fault> fault = Optional.empty();
        Optional<RuntimeState> runtimeRestored = Optional.empty();
        Optional<Committed> committed = Optional.empty();
        Optional<Kept> kept = Optional.empty();
        Optional<Ended> ended = Optional.empty();
        Optional<Finished> finished = Optional.empty();
        for (JournalRecord record : records) {
            if (record instanceof InstallBegun r) {
                install = Optional.of(r);
            } else if (record instanceof ActionBegun r) {
                if (!begun.contains(r.index())) {
                    begun.add(r.index());
                    begunAt.put(r.index(), r.at());
                }
            } else if (record instanceof Steps r) {
                steps.computeIfAbsent(r.index(), k -> new ArrayList<>()).addAll(r.steps());
            } else if (record instanceof ActionDone r) {
                done.put(r.index(), r);
            } else if (record instanceof RollbackBegun r) {
                rollback = Optional.of(r);
            } else if (record instanceof StepReversed r) {
                reversed.add(key(r.index(), r.step()));
                runtimeRestored = Optional.empty();
            } else if (record instanceof ActionUndone r) {
                undo.put(r.index(), r);
                runtimeRestored = Optional.empty();
            } else if (record instanceof Fault r) {
                fault = fault.or(() -> Optional.of(r));
            } else if (record instanceof RuntimeRestored r) {
                runtimeRestored = Optional.of(r.state());
            } else if (record instanceof Committed r) {
                committed = Optional.of(r);
            } else if (record instanceof Kept r) {
                kept = Optional.of(r);
            } else if (record instanceof Ended r) {
                ended = Optional.of(r);
            } else if (record instanceof Finished r) {
                finished = Optional.of(r);
            }
        }
        return new JournalState(install, begun, begunAt, steps, done, undo, reversed, rollback, fault,
                runtimeRestored, committed, kept, ended, finished);
    }

    /**
     * The status of action {@code index} as the journal tells it, the one rule every report
     * follows: an action whose undo was tried is {@code rolled-back} (a failed one stays
     * {@code failed}) or {@code rollback-failed}; else an action that ended is {@code succeeded},
     * {@code failed} or {@code skipped}; else one that began is {@code in-progress}; else it is
     * {@code not-run}.
     */
    public ActionStatus statusOf(int index) {
        ActionUndone undone = undo.get(index);
        ActionDone ended = done.get(index);
        if (undone != null) {
            if (!undone.ok()) {
                return ActionStatus.ROLLBACK_FAILED;
            }
            return ended != null && ended.status() == ActionStatus.FAILED ? ActionStatus.FAILED
                    : ActionStatus.ROLLED_BACK;
        }
        if (ended != null) {
            return ended.status();
        }
        return begun.contains(index) ? ActionStatus.IN_PROGRESS : ActionStatus.NOT_RUN;
    }

    /** True when action {@code index} was undone (its last undo record says so). */
    public boolean isUndone(int index) {
        ActionUndone undone = undo.get(index);
        return undone != null && undone.ok();
    }

    /** The actions whose last undo failed. */
    public List<Integer> undoFailed() {
        return undo.values().stream().filter(u -> !u.ok()).map(ActionUndone::index).sorted().toList();
    }

    /** True when action {@code index} ended with this status. */
    public boolean endedAs(int index, ActionStatus status) {
        ActionDone ended = done.get(index);
        return ended != null && ended.status() == status;
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

    /** Whether the runtime was running before the install; empty when the installer could not tell. */
    public Optional<Boolean> runtimeWasRunning() {
        return install.map(InstallBegun::runtimeWasRunning);
    }

    private static String key(int index, int step) {
        return index + "/" + step;
    }
}
