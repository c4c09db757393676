package org.suptools.portal.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A thing's alarm state, from {@code alarm.publish}.
 *
 * @param state the alarm's state, 0 or more
 * @param msg the text that came with it
 * @param ts when the thing says it changed
 * @param receivedOn when the portal got it
 */
public record Alarm(int state, Optional<String> msg, Optional<Instant> ts, Instant receivedOn) {

    public Alarm {
        Objects.requireNonNull(msg, "msg");
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(receivedOn, "receivedOn");
    }
}
