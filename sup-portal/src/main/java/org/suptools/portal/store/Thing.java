package org.suptools.portal.store;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * A thing (a gateway) the portal knows: it connects with client id = app id, user name = key,
 * password = app token.
 *
 * @param key the thing key, one topic level
 * @param token the app token, its MQTT password
 * @param appId the app id, its MQTT client id
 * @param createdOn when it was added
 */
public record Thing(String key, String token, String appId, Instant createdOn) {

    public Thing {
        Names.thingKey("key", key);
        if (token == null || token.isBlank() || token.length() > 256 || token.contains("\n") || token.contains(":")) {
            throw new IllegalArgumentException("token: an app token is 1 to 256 characters, without ':' or a line break");
        }
        if (appId == null || appId.isBlank() || appId.length() > 128 || !appId.chars().allMatch(c -> c > ' ' && c < 127)) {
            throw new IllegalArgumentException("appId: an app id is 1 to 128 visible ASCII characters, was "
                    + Names.quote(appId));
        }
        if (appId.startsWith(Names.PORTAL_USER)) {
            throw new IllegalArgumentException("appId: app ids starting with " + Names.PORTAL_USER
                    + " are the portal's own client ids");
        }
        Objects.requireNonNull(createdOn, "createdOn");
    }

    /** Whether these are the thing's credentials; the token is compared in constant time. */
    public boolean accepts(String clientId, String password) {
        return appId.equals(clientId) && password != null && MessageDigest.isEqual(
                token.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8));
    }
}
