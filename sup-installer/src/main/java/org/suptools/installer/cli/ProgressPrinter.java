package org.suptools.installer.cli;

import java.io.PrintWriter;
import org.suptools.installer.api.event.InstallEvent;
import org.suptools.installer.event.InstallListener;

/** Install progress for people: one line per event worth reading. */
final class ProgressPrinter implements InstallListener {

    private final PrintWriter out;

    ProgressPrinter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void on(InstallEvent event) {
        String line = null;
        if (event instanceof InstallEvent.Verified e) {
            line = "verified " + e.pkg().label() + (e.pkg().signers().isEmpty() ? " (unsigned, integrity only)"
                    : " (signed by " + String.join(", ", e.pkg().signers()) + ")");
        } else if (event instanceof InstallEvent.ActionStarted e) {
            line = String.format("[%d/%d] %s %s ...", e.index(), e.total(), e.type(), e.id());
        } else if (event instanceof InstallEvent.ActionSucceeded e) {
            line = String.format("[%d/%d] %s %s succeeded: %s", e.index(), e.total(), e.type(), e.id(), e.message());
        } else if (event instanceof InstallEvent.ActionFailed e) {
            line = String.format("[%d/%d] %s %s FAILED: %s%s", e.index(), e.total(), e.type(), e.id(), e.message(),
                    e.continuing() ? " (onError: continue)" : "");
        } else if (event instanceof InstallEvent.ActionSkipped e) {
            line = String.format("[%d/%d] %s %s skipped: %s", e.index(), e.total(), e.type(), e.id(), e.reason());
        } else if (event instanceof InstallEvent.RollbackStarted e) {
            line = "rolling back: " + e.reason();
        } else if (event instanceof InstallEvent.ActionRolledBack e) {
            line = String.format("[%d/%d] %s %s rolled back", e.index(), e.total(), e.type(), e.id());
        } else if (event instanceof InstallEvent.ActionRollbackFailed e) {
            line = String.format("[%d/%d] %s %s could NOT be rolled back: %s", e.index(), e.total(), e.type(), e.id(),
                    e.message());
        }
        if (line != null) {
            out.println(line);
            out.flush();
        }
    }
}
