package org.suptools.installer.config;

import java.util.Objects;
import java.util.Optional;
import org.suptools.model.gateway.GatewayProfile;
import org.suptools.model.version.SemVer;

/**
 * Who the gateway is: its profile as packages target it (product, OS, architecture, runtime
 * version), plus the thing key it is known by in the portal (optional; a request may give it).
 */
public record GatewayIdentity(GatewayProfile profile, Optional<String> thingKey) {

    public GatewayIdentity {
        Objects.requireNonNull(profile, "profile");
        thingKey = thingKey == null ? Optional.empty() : thingKey;
    }

    /** The same gateway after a firmware update brought another runtime version. */
    public GatewayIdentity withRuntimeVersion(SemVer version) {
        return new GatewayIdentity(profile.withRuntimeVersion(version), thingKey);
    }
}
