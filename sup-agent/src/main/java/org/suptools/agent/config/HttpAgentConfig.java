package org.suptools.agent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An agent config whose {@code backend} is {@code http}: no broker, no mailbox; the agent asks the
 * version URL, fetches and installs what it is told to, and posts the result to the notify URL.
 *
 * @param backend the URLs and the device's identity
 * @param gatewayConfig the gateway's installer config (gateway.yaml), passed to the installer
 * @param installer the installer's launcher command
 * @param stateDir where the agent keeps its record of the update, the download and the applied settings
 * @param caFile the CA certificates (PEM) an {@code https} URL's certificate must chain to; the JVM's own when absent
 * @param installTimeout how long one installer run may take before it is stopped
 * @param downloadAttempts how many fetches one update may start before it is revoked
 */
public record HttpAgentConfig(HttpBackendConfig backend, Path gatewayConfig, List<String> installer, Path stateDir,
        Optional<Path> caFile, Duration installTimeout, int downloadAttempts) {

    public HttpAgentConfig {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(gatewayConfig, "gatewayConfig");
        installer = List.copyOf(installer);
        Objects.requireNonNull(stateDir, "stateDir");
        caFile = caFile == null ? Optional.empty() : caFile;
        Objects.requireNonNull(installTimeout, "installTimeout");
        if (downloadAttempts < 1) {
            throw new IllegalArgumentException("downloadAttempts: must be at least 1, was " + downloadAttempts);
        }
    }

    public HttpAgentConfig withBackend(HttpBackendConfig newBackend) {
        return new HttpAgentConfig(newBackend, gatewayConfig, installer, stateDir, caFile, installTimeout,
                downloadAttempts);
    }

    public HttpAgentConfig withInstallTimeout(Duration timeout) {
        return new HttpAgentConfig(backend, gatewayConfig, installer, stateDir, caFile, timeout, downloadAttempts);
    }

    public HttpAgentConfig withDownloadAttempts(int attempts) {
        return new HttpAgentConfig(backend, gatewayConfig, installer, stateDir, caFile, installTimeout, attempts);
    }

    /** Where the settings the backend sent are kept, applied over the file's values at every load. */
    public Path settingsFile() {
        return BackendSettings.file(stateDir);
    }
}
