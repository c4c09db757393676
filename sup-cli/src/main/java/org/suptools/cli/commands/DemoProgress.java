package org.suptools.cli.commands;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.suptools.installer.api.ActionStatus;
import org.suptools.installer.api.client.InstallerWatcher;
import org.suptools.installer.api.event.InstallEvent;

/**
 * The demo's live view of the install: a line for each event worth telling as it comes, and a row
 * for each planned action that the events fill in for the summary.
 */
final class DemoProgress implements InstallerWatcher {

    private final PrintWriter out;
    private final Map<Integer, DemoActionRow> rows = new TreeMap<>();

    DemoProgress(PrintWriter out) {
        this.out = out;
    }

    /** The planned actions in plan order, as far as the events told. */
    List<DemoActionRow> rows() {
        return List.copyOf(rows.values());
    }

    /** Text that is no event (a runtime's output, a newer installer's event) is shown as it is. */
    @Override
    public void otherLine(String line) {
        print("   " + line);
    }

    @Override
    public void started(InstallEvent.Started event) {
        print("   started, install id " + event.installId());
    }

    @Override
    public void verified(InstallEvent.Verified event) {
        // The signers as the JSON array the event carries.
        print("   verified: " + event.pkg().name().orElse("") + " " + event.pkg().version().orElse("")
                + ", signed by " + event.pkg().signers().stream().map(id -> "\"" + id + "\"")
                        .collect(Collectors.joining(",", "[", "]")));
    }

    @Override
    public void planned(InstallEvent.Planned event) {
        for (InstallEvent.PlannedStep step : event.actions()) {
            rows.put(step.index(), new DemoActionRow(step.index(), step.id(), step.type()));
        }
        print("   planned: " + rows.size() + " actions, every path inside the allowed roots");
    }

    @Override
    public void refused(InstallEvent.Refused event) {
        print("   REFUSED (" + event.error().text() + ", " + event.errorCode() + "): " + event.message());
    }

    @Override
    public void actionStarted(InstallEvent.ActionStarted event) {
        row(event).ifPresent(row -> row.started(event.at()));
    }

    @Override
    public void actionSucceeded(InstallEvent.ActionSucceeded event) {
        ended(event, ActionStatus.SUCCEEDED, event.message());
    }

    @Override
    public void actionFailed(InstallEvent.ActionFailed event) {
        ended(event, ActionStatus.FAILED, event.message());
    }

    @Override
    public void actionSkipped(InstallEvent.ActionSkipped event) {
        ended(event, ActionStatus.SKIPPED, event.reason());
    }

    @Override
    public void rollbackStarted(InstallEvent.RollbackStarted event) {
        print("   rolling back: " + event.reason());
    }

    @Override
    public void actionRolledBack(InstallEvent.ActionRolledBack event) {
        row(event).ifPresent(row -> row.undone(ActionStatus.ROLLED_BACK));
        print(where(event) + " rolled back");
    }

    @Override
    public void actionRollbackFailed(InstallEvent.ActionRollbackFailed event) {
        row(event).ifPresent(row -> row.undone(ActionStatus.ROLLBACK_FAILED));
        print(where(event) + " COULD NOT BE ROLLED BACK: " + event.message());
    }

    @Override
    public void finished(InstallEvent.Finished event) {
        print("   finished: " + event.status().text() + (event.rebootRequired() ? " (a reboot is required)" : ""));
    }

    private void ended(InstallEvent.OfAction event, ActionStatus status, String message) {
        String text = message == null ? "" : message;
        Optional<DemoActionRow> row = row(event);
        row.ifPresent(r -> r.ended(status, event.at(), text));
        print(where(event) + " " + status.text() + row.map(r -> " in " + r.duration()).orElse("") + ": " + text);
    }

    private Optional<DemoActionRow> row(InstallEvent.OfAction event) {
        return Optional.ofNullable(rows.get(event.index()));
    }

    /** {@code    [2/5] file.copy config}. */
    private static String where(InstallEvent.OfAction event) {
        return "   [" + event.index() + "/" + event.total() + "] " + event.type() + " " + event.id();
    }

    private void print(String line) {
        out.println(line);
        out.flush();
    }
}
