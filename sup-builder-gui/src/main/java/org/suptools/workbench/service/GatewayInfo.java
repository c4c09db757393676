package org.suptools.workbench.service;

import java.util.List;
import java.util.Optional;

/**
 * What a gateway's agent says of itself: identity, the installer's record of installed packages,
 * and whether an install runs now.
 *
 * @param statusProblem why the installed packages could not be read, when they could not
 */
public record GatewayInfo(String thingKey, String agentVersion, boolean busy, String runtimeHome,
        String runtimeVersion, List<InstalledPackage> packages, Optional<String> statusProblem) {

    public GatewayInfo {
        packages = List.copyOf(packages);
        statusProblem = statusProblem == null ? Optional.empty() : statusProblem;
    }

    public record InstalledPackage(String name, String version, String installedAt) {
    }
}
