package org.suptools.portal.mqtt;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import org.suptools.portal.store.DataDir;
import org.suptools.portal.store.Names;

/**
 * The password of the portal's own MQTT connection (user {@value Names#PORTAL_USER}), made at random the
 * first time a data directory is used and kept in its {@code portal-credentials.json}. The mosquitto
 * helper writes it into the broker's password file with the things'.
 *
 * @param password the portal's MQTT password
 */
public record PortalCredentials(String password) {

    public PortalCredentials {
        Objects.requireNonNull(password, "password");
    }

    public String user() {
        return Names.PORTAL_USER;
    }

    /** The data directory's credentials, made on first use. */
    public static PortalCredentials of(DataDir data) {
        return data.locked(() -> {
            var file = data.resolve("portal-credentials.json");
            return data.read(file, PortalCredentials.class).orElseGet(() -> {
                byte[] bytes = new byte[24];
                new SecureRandom().nextBytes(bytes);
                PortalCredentials made = new PortalCredentials(HexFormat.of().formatHex(bytes));
                data.write(file, made);
                return made;
            });
        });
    }
}
