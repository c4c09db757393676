package org.suptools.agent.update;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A release the portal offered to an {@code update.check} and the agent took, kept beside its job
 * ({@code checks/releases/<key>.json}) for what the job record does not say: the SHA-256 the
 * downloaded file must have, and the versions, for {@code status} and the log.
 *
 * @param name the package name
 * @param version the release's version
 * @param installedVersion the version the gateway said it had
 * @param fileName the Developer File it is fetched as
 * @param sha256 its SHA-256, lower-case hex
 * @param offeredAt when the portal offered it
 */
public record CheckedRelease(String name, String version, Optional<String> installedVersion, String fileName,
        String sha256, Instant offeredAt) {

    public CheckedRelease {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        installedVersion = installedVersion == null ? Optional.empty() : installedVersion;
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(offeredAt, "offeredAt");
    }

    /** {@code dw-firmware 2.0.0 (installed 1.3.0)}. */
    public String describe() {
        return name + " " + version + installedVersion.map(v -> " (installed " + v + ")").orElse(" (not installed)");
    }
}
