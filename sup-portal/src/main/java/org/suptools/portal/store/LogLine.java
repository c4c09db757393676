package org.suptools.portal.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code log.publish} line as the portal keeps it.
 *
 * @param receivedOn when the portal got it
 * @param ts when the thing says it happened
 * @param level 0 error, 1 warning, 2 info
 * @param msg the text
 * @param corrId the mailbox message it belongs to, which ties it to a campaign member
 */
public record LogLine(Instant receivedOn, Optional<Instant> ts, Optional<Integer> level, String msg,
        Optional<String> corrId) {

    public LogLine {
        Objects.requireNonNull(receivedOn, "receivedOn");
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(msg, "msg");
        Objects.requireNonNull(corrId, "corrId");
    }
}
