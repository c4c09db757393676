package org.suptools.portal.console;

import java.util.Optional;

/** Whether a thing's MQTT client is connected now, as the broker knows it. */
@FunctionalInterface
public interface Presence {

    /** What a console on an external broker says: the portal cannot ask it. */
    Presence UNKNOWN = appId -> Optional.empty();

    /**
     * @param appId the thing's MQTT client id
     * @return connected or not, or empty when the broker cannot be asked
     */
    Optional<Boolean> connected(String appId);
}
