package org.suptools.installer.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.suptools.installer.api.json.ContractJson;
import org.suptools.installer.fs.Durable;
import org.suptools.model.version.SemVer;

/**
 * {@code <stateDir>/installed.json}: what is installed, by package name, and the runtime version a
 * firmware update installed (it then supersedes the one in the gateway config). Replaced
 * atomically when an install commits.
 */
public record Inventory(Optional<SemVer> runtimeVersion, Map<String, InstalledPackage> packages) {

    public static final String FILE_NAME = "installed.json";

    public Inventory {
        runtimeVersion = runtimeVersion == null ? Optional.empty() : runtimeVersion;
        packages = packages == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(packages));
    }

    public static Inventory empty() {
        return new Inventory(Optional.empty(), Map.of());
    }

    public static Inventory read(Path stateDir) throws IOException {
        Path file = stateDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return empty();
        }
        return ContractJson.mapper().readValue(Files.readAllBytes(file), Inventory.class);
    }

    public void write(Path stateDir) throws IOException {
        Durable.write(stateDir.resolve(FILE_NAME), ContractJson.pretty(this));
    }

    public Optional<InstalledPackage> installed(String name) {
        return Optional.ofNullable(packages.get(name));
    }

    /** The version of each installed package, by name. */
    public Map<String, SemVer> versions() {
        Map<String, SemVer> versions = new TreeMap<>();
        packages.forEach((name, installed) -> versions.put(name, installed.version()));
        return versions;
    }

    public Inventory with(String name, InstalledPackage installed) {
        Map<String, InstalledPackage> copy = new TreeMap<>(packages);
        copy.put(name, installed);
        return new Inventory(runtimeVersion, copy);
    }

    public Inventory withRuntimeVersion(SemVer version) {
        return new Inventory(Optional.of(version), packages);
    }
}
