package org.suptools.installer.install;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.suptools.installer.api.ActionStatus;
import org.suptools.installer.api.InstallStatus;
import org.suptools.installer.api.event.PackageInfo;
import org.suptools.installer.api.event.RequestInfo;
import org.suptools.installer.api.report.ActionRecord;
import org.suptools.installer.api.report.Confirmation;
import org.suptools.installer.journal.JournalRecord;
import org.suptools.installer.journal.JournalState;
import org.suptools.model.action.Action;
import org.suptools.model.manifest.Manifest;

/**
 * confirmation.json as the journal tells it. What an install's reports say (each action's status
 * and times, the overall result) comes from its journal, through {@link JournalState#statusOf},
 * whether the install ran to its end, was recovered after a kill, or met an unexpected error; the
 * confirmation written along the way only adds what the journal does not hold (exit codes and
 * output tails of commands).
 */
final class JournalReport {

    private JournalReport() {
    }

    /** A confirmation rebuilt from the journal alone, for when the one on disk is missing, unreadable or another install's. */
    static Confirmation rebuilt(JournalRecord.InstallBegun begun, Manifest manifest, PackageInfo info,
            RequestInfo request) {
        List<ActionRecord> actions = new ArrayList<>();
        for (int i = 0; i < manifest.actions().size(); i++) {
            Action action = manifest.actions().get(i);
            actions.add(ActionRecord.notRun(i + 1, action.id(), action.type().typeName(), action.header().description()));
        }
        return new Confirmation(Confirmation.FORMAT_VERSION, begun.installId(), info, request, begun.startedAt(),
                Optional.empty(), InstallStatus.IN_PROGRESS, 0, Optional.empty(), "", Optional.empty(), false, actions);
    }

    /** The same confirmation with every action's status, times and message from the journal. */
    static Confirmation reconciled(Confirmation confirmation, JournalState state) {
        List<ActionRecord> actions = new ArrayList<>();
        for (ActionRecord action : confirmation.actions()) {
            actions.add(reconciled(action, state));
        }
        return confirmation.withActions(actions);
    }

    private static ActionRecord reconciled(ActionRecord action, JournalState state) {
        int index = action.index();
        ActionStatus status = state.statusOf(index);
        Optional<JournalRecord.ActionDone> done = Optional.ofNullable(state.done().get(index));
        Optional<JournalRecord.ActionUndone> undo = Optional.ofNullable(state.undo().get(index));
        Optional<Instant> started = Optional.ofNullable(state.begunAt().get(index)).or(action::startedAt);
        Optional<Instant> completed = done.map(JournalRecord.ActionDone::at);
        Optional<String> message = status == ActionStatus.ROLLBACK_FAILED
                ? undo.flatMap(JournalRecord.ActionUndone::message).map(m -> "rollback failed: " + m)
                : done.flatMap(JournalRecord.ActionDone::message);
        boolean ran = done.isPresent();
        return new ActionRecord(index, action.id(), action.type(), action.description(), status,
                status == ActionStatus.NOT_RUN ? Optional.empty() : started.or(() -> completed), completed,
                undo.map(JournalRecord.ActionUndone::at), message.filter(m -> !m.isEmpty()),
                ran ? action.exitCode() : Optional.empty(), ran ? action.outputTail() : Optional.empty());
    }
}
