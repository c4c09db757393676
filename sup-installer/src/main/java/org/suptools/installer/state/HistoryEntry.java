package org.suptools.installer.state;

import java.time.Instant;
import java.util.Optional;
import org.suptools.installer.api.InstallStatus;
import org.suptools.installer.api.event.RequestInfo;
import org.suptools.installer.api.report.Confirmation;

/** One past install in {@code <stateDir>/history.jsonl}: what, for whom, when, and how it ended. */
public record HistoryEntry(
        String installId,
        Optional<String> name,
        Optional<String> version,
        String fileName,
        String sha256,
        RequestInfo request,
        Instant startedAt,
        Optional<Instant> completedAt,
        InstallStatus status,
        int errorCode,
        String errorMessage,
        Optional<String> recovery) {

    public static HistoryEntry of(Confirmation c) {
        return new HistoryEntry(c.installId(), c.pkg().name(), c.pkg().version(), c.pkg().fileName(), c.pkg().sha256(),
                c.request(), c.startedAt(), c.completedAt(), c.status(), c.errorCode(), c.errorMessage(), c.recovery());
    }
}
