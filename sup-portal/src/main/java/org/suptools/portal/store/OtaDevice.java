package org.suptools.portal.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the plain HTTP backend heard from one device: its last version check and its notifications,
 * the newest last.
 */
public record OtaDevice(String thingKey, Optional<Check> lastCheck, List<Notification> notifications) {

    /** Notifications kept per device; older ones are dropped. */
    public static final int KEPT = 20;

    public OtaDevice {
        Names.thingKey("thingKey", thingKey);
        lastCheck = lastCheck == null ? Optional.empty() : lastCheck;
        notifications = notifications == null ? List.of() : List.copyOf(notifications);
    }

    OtaDevice checked(Check check) {
        return new OtaDevice(thingKey, Optional.of(check), notifications);
    }

    OtaDevice notified(Notification notification) {
        List<Notification> next = new ArrayList<>(notifications);
        next.add(notification);
        return new OtaDevice(thingKey, lastCheck, next.subList(Math.max(0, next.size() - KEPT), next.size()));
    }

    /**
     * A version check.
     *
     * @param version the version the device posted
     * @param userAgent its User-Agent
     * @param upgrade what it was answered, 0 or 1
     * @param offered the version offered then, if any
     */
    public record Check(Instant on, String version, String userAgent, int upgrade, Optional<String> offered) {
        public Check {
            Objects.requireNonNull(on, "on");
            offered = offered == null ? Optional.empty() : offered;
        }
    }

    /**
     * A result the device posted to its notify URL, such as {@code 900 Success}.
     *
     * @param result the posted text, one line, control characters replaced
     */
    public record Notification(Instant on, String result) {
        public Notification {
            Objects.requireNonNull(on, "on");
            Objects.requireNonNull(result, "result");
        }
    }
}
