package org.suptools.installer.report;

import java.time.Instant;

/** One audit log message: when, how severe, and the text. */
public record AuditLine(Instant at, Level level, String text) {

    /** Severity, with the TR50 {@code log.publish} level (0 error, 1 warning, 2 info). */
    public enum Level {
        ERROR(0),
        WARNING(1),
        INFO(2);

        private final int tr50;

        Level(int tr50) {
            this.tr50 = tr50;
        }

        public int tr50() {
            return tr50;
        }
    }

    /** The line as audit.log holds it: {@code 2026-01-01T10:00:00Z INFO SUP acme-config 1.4.0: ...}. */
    public String format() {
        return at + " " + level + " " + text;
    }
}
