package org.suptools.installer.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.suptools.installer.api.report.ReportFiles;
import org.suptools.model.action.PackageManager;

/**
 * The gateway configuration the installer works with, every path absolute and every default
 * applied. Loaded by {@link GatewayConfigLoader}; docs/reference/gateway-config.md describes the file.
 *
 * @param file                 the file it was read from (messages name it)
 * @param runtimeHome          the directory relative action paths resolve against
 * @param logsDir              where confirmation.json, audit.log and tr50-reply.json go
 * @param stateDir             lock, journal, backups, inventory and history; never inside an allowed root
 * @param trustStore           the public keys packages must be signed with (a directory or one PEM file);
 *                             empty only when {@code allowUnsigned}
 * @param threshold            how many distinct trusted keys must have signed
 * @param allowUnsigned        whether packages are checked for integrity only (no trust store)
 * @param identity             what packages are matched against
 * @param runtime              how the runtime is started, stopped and asked for its status
 * @param allowedRoots         the only trees actions may change
 * @param defaultActionTimeout the timeout of an action that names none
 * @param minFreeSpace         bytes that must stay free on each file system after the payloads and backups
 * @param packageManagers      how {@code package.install} runs each package manager (the file is appended)
 */
public record GatewayConfig(
        Path file,
        Path runtimeHome,
        Path logsDir,
        Path stateDir,
        Optional<Path> trustStore,
        int threshold,
        boolean allowUnsigned,
        GatewayIdentity identity,
        RuntimeSettings runtime,
        List<Path> allowedRoots,
        Duration defaultActionTimeout,
        long minFreeSpace,
        Map<PackageManager, List<String>> packageManagers) {

    /** How each package manager installs a package file when the config says nothing (the file is appended). */
    public static final Map<PackageManager, List<String>> DEFAULT_PACKAGE_MANAGERS = Map.of(
            PackageManager.DPKG, List.of("dpkg", "-i"),
            PackageManager.RPM, List.of("rpm", "-U", "--replacepkgs"),
            PackageManager.OPKG, List.of("opkg", "install"));

    public GatewayConfig {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(runtimeHome, "runtimeHome");
        Objects.requireNonNull(logsDir, "logsDir");
        Objects.requireNonNull(stateDir, "stateDir");
        trustStore = trustStore == null ? Optional.empty() : trustStore;
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(runtime, "runtime");
        allowedRoots = List.copyOf(allowedRoots);
        Objects.requireNonNull(defaultActionTimeout, "defaultActionTimeout");
        packageManagers = Map.copyOf(packageManagers);
    }

    /** Where the installer writes confirmation.json, the audit log and the TR50 replies. */
    public ReportFiles reports() {
        return new ReportFiles(logsDir, stateDir);
    }

    /** The same configuration with another identity (the runtime version changes with a firmware update). */
    public GatewayConfig withIdentity(GatewayIdentity newIdentity) {
        return new GatewayConfig(file, runtimeHome, logsDir, stateDir, trustStore, threshold, allowUnsigned, newIdentity,
                runtime, allowedRoots, defaultActionTimeout, minFreeSpace, packageManagers);
    }
}
