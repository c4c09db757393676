package org.suptools.portal.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A thing's attribute value, from {@code attribute.publish}.
 *
 * @param value the value
 * @param ts when the thing took it
 * @param receivedOn when the portal got it
 */
public record Attribute(String value, Optional<Instant> ts, Instant receivedOn) {

    public Attribute {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(receivedOn, "receivedOn");
    }
}
