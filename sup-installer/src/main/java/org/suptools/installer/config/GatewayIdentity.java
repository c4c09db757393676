package org.suptools.installer.config;

import java.util.Objects;
import java.util.Optional;
import org.suptools.model.version.SemVer;

/**
 * Who the gateway is, as packages target it: product, OS, architecture and the runtime version
 * installed, plus the thing key it is known by in the portal (optional; a request may give it).
 */
public record GatewayIdentity(String product, String os, String architecture, SemVer runtimeVersion,
        Optional<String> thingKey) {

    public GatewayIdentity {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(runtimeVersion, "runtimeVersion");
        thingKey = thingKey == null ? Optional.empty() : thingKey;
    }

    /** The same gateway after a firmware update brought another runtime version. */
    public GatewayIdentity withRuntimeVersion(SemVer version) {
        return new GatewayIdentity(product, os, architecture, version, thingKey);
    }
}
