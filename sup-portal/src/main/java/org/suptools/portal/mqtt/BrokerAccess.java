package org.suptools.portal.mqtt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.suptools.portal.store.Names;
import org.suptools.portal.store.Thing;
import org.suptools.portal.store.Things;

/**
 * Who may connect to the embedded broker and where they may publish and subscribe. A thing connects with
 * client id = app id, user name = thing key, password = app token, and may only use the topics under its
 * own prefix, {@code <base>/<thing key>/#}; the portal's own connection uses its own user name and
 * password and may use everything under {@code <base>/}. Anyone else is refused at CONNECT.
 */
public final class BrokerAccess {

    private final Things things;
    private final PortalCredentials portal;
    private final String base;

    public BrokerAccess(Things things, PortalCredentials portal, String base) {
        this.things = things;
        this.portal = portal;
        this.base = base;
    }

    /** What a CONNECT with these credentials may do. */
    public Decision decide(String clientId, Optional<String> userName, Optional<byte[]> password) {
        if (userName.isEmpty() || password.isEmpty()) {
            return new Decision.Refused("a user name (the thing key) and a password (the app token) are required");
        }
        String user = userName.get();
        String secret = new String(password.get(), StandardCharsets.UTF_8);
        if (user.equals(Names.PORTAL_USER)) {
            return MessageDigest.isEqual(portal.password().getBytes(StandardCharsets.UTF_8), password.get())
                    ? new Decision.Allowed(base.isEmpty() ? "#" : base + "/#")
                    : new Decision.Refused("wrong password for the portal's own user");
        }
        Optional<Thing> thing = things.find(user);
        if (thing.isEmpty() || !thing.get().accepts(clientId, secret)) {
            // One answer for an unknown thing, a wrong token and a wrong app id: no probing for keys.
            return new Decision.Refused("unknown thing, or wrong app token or app id");
        }
        return new Decision.Allowed(topicFilter(base, user));
    }

    /** The topics a thing may use: {@code <base>/<key>/#}, or {@code <key>/#} with an empty base. */
    public static String topicFilter(String base, String thingKey) {
        return (base.isEmpty() ? "" : base + "/") + thingKey + "/#";
    }

    /** What a connection may do. */
    public sealed interface Decision {

        /** Accepted; it may publish and subscribe only under {@code topicFilter}. */
        record Allowed(String topicFilter) implements Decision {
        }

        /** Refused at CONNECT, for the broker's log. */
        record Refused(String reason) implements Decision {
        }
    }
}
