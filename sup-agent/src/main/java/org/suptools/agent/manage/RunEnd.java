package org.suptools.agent.manage;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * How a manual run ended, as the endpoint tells it after the run's events: the installer's exit
 * code and the end of its standard error (as a local caller reads them from the process), and
 * this run's confirmation.json and audit lines (as a local caller reads them from the gateway).
 *
 * @param exitCode the installer's exit code; -1 when the agent could not run or follow it
 * @param installId the install id from the installer's {@code started} event, empty when none came
 * @param stderr the end of the installer's standard error, or why it could not be run
 * @param confirmation the text of confirmation.json when this run wrote it; empty otherwise
 * @param auditLines the audit log lines this run added
 */
public record RunEnd(int exitCode, String installId, String stderr, String confirmation, List<String> auditLines,
        Instant endedAt) {

    public RunEnd {
        installId = installId == null ? "" : installId;
        stderr = stderr == null ? "" : stderr;
        confirmation = confirmation == null ? "" : confirmation;
        auditLines = auditLines == null ? List.of() : List.copyOf(auditLines);
        Objects.requireNonNull(endedAt, "endedAt");
    }
}
