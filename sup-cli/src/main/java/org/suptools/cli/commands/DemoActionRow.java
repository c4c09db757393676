package org.suptools.cli.commands;

import java.time.Duration;
import java.time.Instant;
import org.suptools.installer.api.ActionStatus;

/** One action of the demo's install as its events tell it, for the summary's table. */
final class DemoActionRow {

    private final int index;
    private final String id;
    private final String type;
    private ActionStatus status = ActionStatus.NOT_RUN;
    private Instant started;
    private Instant ended;
    private String message;

    DemoActionRow(int index, String id, String type) {
        this.index = index;
        this.id = id;
        this.type = type;
    }

    void started(Instant at) {
        started = at;
        status = ActionStatus.IN_PROGRESS;
    }

    void ended(ActionStatus newStatus, Instant at, String text) {
        ended = at;
        status = newStatus;
        message = text;
    }

    /** Rolled back, or not: the time and message of its run stay. */
    void undone(ActionStatus newStatus) {
        status = newStatus;
    }

    /** How long it ran, empty until it has started and ended (a skipped action never starts). */
    String duration() {
        return started == null || ended == null ? "" : DemoText.seconds(Duration.between(started, ended));
    }

    /** {@code   2. file.copy            config       succeeded       0.01 s  copied 1 file}. */
    String summaryLine() {
        return String.format("  %d. %-20s %-12s %-11s %8s  %s", index, type, id, status.text(), duration(),
                message == null ? "" : message);
    }
}
