package org.suptools.installer.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.suptools.installer.api.report.ReportFiles;
import org.suptools.model.action.PackageManager;
import org.suptools.model.action.Timeout;
import org.suptools.model.gateway.ConfigException;
import org.suptools.model.gateway.GatewayConfigFile;
import org.suptools.model.gateway.GatewayProfile;
import org.suptools.model.json.DocumentFiles;
import org.suptools.model.json.DocumentFiles.DocumentException;
import org.suptools.model.json.DocumentFiles.FieldByField;
import org.suptools.model.problem.Problem;
import org.suptools.model.signing.TrustStore;
import org.suptools.model.version.SemVer;

/**
 * Reads a gateway configuration (YAML, or JSON when the name ends in {@code .json}), applies the
 * defaults and checks it as a whole, fields and machine alike ({@link MachineChecks}): every
 * command that works on a gateway loads it first, so a bad config is refused the same way by
 * all of them, before the lock is taken or anything is written. Relative paths resolve against
 * the directory of the file; relative program paths of the runtime commands
 * ({@code bin/runtime-ctl}) against the runtime home. Every problem is collected and reported at once.
 */
public final class GatewayConfigLoader {

    /** The suffix of the default state directory, a sibling of the runtime home. */
    public static final Duration DEFAULT_ACTION_TIMEOUT = Duration.ofMinutes(5);
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_HEALTH_WAIT = Duration.ofSeconds(60);
    public static final long DEFAULT_MIN_FREE_SPACE = 64L << 20;

    private GatewayConfigLoader() {
    }

    /** The file as written; every field optional here so that the checks below can name what is missing. */
    record RawConfig(String runtimeHome, String logsDir, String stateDir, RawTrust trust, Boolean allowUnsigned,
            RawIdentity identity, RawRuntime runtime, List<String> allowedRoots, Timeout defaultActionTimeout,
            ByteSize minFreeSpace, Map<PackageManager, List<String>> packageManagers) {
    }

    record RawTrust(String store, Integer threshold) {
    }

    record RawIdentity(String product, String os, String architecture, SemVer runtimeVersion, String thingKey) {
    }

    record RawRuntime(List<String> start, List<String> stop, List<String> status, Timeout commandTimeout,
            Timeout healthWait) {
    }

    /**
     * The config, checked: what {@code install}, {@code recover}, {@code status} and {@code history}
     * work with. Throws with every problem when there is any.
     */
    public static GatewayConfig load(Path file) throws ConfigException {
        ConfigCheck check = check(file, false);
        if (!check.problems().isEmpty()) {
            throw new ConfigException(file, check.problems());
        }
        return check.config().orElseThrow();
    }

    /**
     * Everything {@link #load} checks, collected instead of thrown; with {@code commands}, also
     * that the runtime commands given as paths are executable ({@code check-config}: an install
     * does not refuse on it, since recovering from an interrupted firmware update must stay possible).
     */
    public static ConfigCheck check(Path file, boolean commands) {
        FieldByField<RawConfig> read;
        try {
            read = DocumentFiles.readEachField(file, RawConfig.class, GatewayConfigFile.MAX_BYTES,
                    GatewayConfigFile.KIND);
        } catch (DocumentException e) {
            return new ConfigCheck(file, List.of(e.problem()), Optional.empty(), List.of());
        }
        return resolve(file, read.value(), read.problems(), commands);
    }

    /**
     * @param unread the problems of the fields that could not be read (left null in {@code raw}):
     *               they are not reported again as missing
     */
    private static ConfigCheck resolve(Path file, RawConfig raw, List<Problem> unread, boolean commands) {
        Path base = file.toAbsolutePath().normalize().getParent();
        List<Problem> problems = new ArrayList<>();

        Path runtimeHome = path(base, raw.runtimeHome(), "runtimeHome", problems);
        if (raw.runtimeHome() == null) {
            problems.add(Problem.error("runtimeHome", "is required"));
        } else if (runtimeHome != null) {
            MachineChecks.runtimeHome(runtimeHome, problems);
        }
        Path logsDir = raw.logsDir() == null
                ? (runtimeHome == null ? null : runtimeHome.resolve(ReportFiles.DEFAULT_LOGS_DIR))
                : path(base, raw.logsDir(), "logsDir", problems);
        Path stateDir = raw.stateDir() == null
                ? (runtimeHome == null || runtimeHome.getParent() == null ? null
                        : runtimeHome.resolveSibling(runtimeHome.getFileName() + ReportFiles.STATE_DIR_SUFFIX))
                : path(base, raw.stateDir(), "stateDir", problems);

        boolean allowUnsigned = Boolean.TRUE.equals(raw.allowUnsigned());
        Optional<Path> trustStore = Optional.empty();
        int threshold = 1;
        if (raw.trust() != null) {
            if (raw.trust().store() == null) {
                problems.add(Problem.error("trust.store", "is required (a directory or file of PEM public keys)"));
            } else {
                trustStore = Optional.ofNullable(path(base, raw.trust().store(), "trust.store", problems));
            }
            if (raw.trust().threshold() != null) {
                threshold = raw.trust().threshold();
                if (threshold < 1) {
                    problems.add(Problem.error("trust.threshold", "must be a whole number of at least 1, was "
                            + threshold));
                }
            }
        }
        TrustStore keys = trustStore.map(store -> MachineChecks.trustStore(store, problems)).orElse(null);
        MachineChecks.threshold(threshold, keys, problems);
        if (raw.trust() == null && !allowUnsigned) {
            problems.add(Problem.error("trust", "is required unless allowUnsigned is true"));
        }
        if (raw.trust() != null && allowUnsigned) {
            problems.add(Problem.error("allowUnsigned", "cannot be combined with a trust store: "
                    + "either signatures are checked against trust.store, or packages are checked for integrity only"));
        }

        GatewayIdentity identity = identity(raw.identity(), problems);
        RuntimeSettings runtime = runtime(raw.runtime(), runtimeHome, problems);

        List<Path> allowedRoots = new ArrayList<>();
        if (raw.allowedRoots() == null) {
            if (runtimeHome != null) {
                allowedRoots.add(runtimeHome);
            }
        } else {
            if (raw.allowedRoots().isEmpty()) {
                problems.add(Problem.error("allowedRoots", "must list at least one directory"));
            }
            for (int i = 0; i < raw.allowedRoots().size(); i++) {
                String field = "allowedRoots[" + i + "]";
                if (raw.allowedRoots().get(i) == null) {
                    problems.add(Problem.error(field, "is empty; write a directory, such as /opt/dw/dwcore"));
                    continue;
                }
                Path root = path(base, raw.allowedRoots().get(i), field, problems);
                if (root != null) {
                    MachineChecks.allowedRoot(root, field, problems);
                    allowedRoots.add(root);
                }
            }
        }
        if (stateDir != null) {
            for (Path root : allowedRoots) {
                if (stateDir.startsWith(root) || root.startsWith(stateDir)) {
                    problems.add(Problem.error(raw.stateDir() == null ? "runtimeHome" : "stateDir",
                            "the state directory " + stateDir + " must not overlap the allowed root " + root
                                    + " (actions must never touch the journal and backups)"));
                }
            }
        }
        if (stateDir != null) {
            MachineChecks.writable(stateDir, "stateDir", problems);
        }
        if (logsDir != null) {
            MachineChecks.writable(logsDir, "logsDir", problems);
        }
        Duration defaultTimeout = raw.defaultActionTimeout() == null ? DEFAULT_ACTION_TIMEOUT
                : raw.defaultActionTimeout().duration();
        long minFreeSpace = raw.minFreeSpace() == null ? DEFAULT_MIN_FREE_SPACE : raw.minFreeSpace().bytes();
        Map<PackageManager, List<String>> managers = new EnumMap<>(PackageManager.class);
        managers.putAll(GatewayConfig.DEFAULT_PACKAGE_MANAGERS);
        if (raw.packageManagers() != null) {
            raw.packageManagers().forEach((manager, command) -> {
                List<String> resolved = command(command, "packageManagers." + manager.text(), runtimeHome, problems);
                if (resolved != null) {
                    managers.put(manager, resolved);
                }
            });
        }

        if (commands && runtime != null) {
            MachineChecks.command(runtime.start(), "runtime.start", problems);
            MachineChecks.command(runtime.stop(), "runtime.stop", problems);
            MachineChecks.command(runtime.status(), "runtime.status", problems);
        }

        problems.removeIf(problem -> isReportedAlready(problem, unread));
        problems.addAll(0, unread);
        List<String> keyIds = keys == null ? List.of() : List.copyOf(keys.keyIds());
        if (!problems.isEmpty()) {
            return new ConfigCheck(file, problems, Optional.empty(), keyIds);
        }
        return new ConfigCheck(file, problems, Optional.of(new GatewayConfig(file.toAbsolutePath().normalize(),
                runtimeHome, logsDir, stateDir, trustStore, threshold, allowUnsigned, identity, runtime, allowedRoots,
                defaultTimeout, minFreeSpace, managers)), keyIds);
    }

    /** A field said to be missing that is in fact there but could not be read (or holds such a field). */
    private static boolean isReportedAlready(Problem problem, List<Problem> unread) {
        String field = problem.location();
        return unread.stream().map(Problem::location).anyMatch(location -> location.equals(field)
                || location.startsWith(field + ".") || location.startsWith(field + "["));
    }

    private static GatewayIdentity identity(RawIdentity raw, List<Problem> problems) {
        if (raw == null) {
            problems.add(GatewayConfigFile.missingIdentity());
            return null;
        }
        GatewayProfile profile = GatewayConfigFile.profile(raw.product(), raw.os(), raw.architecture(),
                raw.runtimeVersion(), problems);
        if (profile == null) {
            return null;
        }
        return new GatewayIdentity(profile, Optional.ofNullable(raw.thingKey()).filter(k -> !k.isBlank()));
    }

    private static RuntimeSettings runtime(RawRuntime raw, Path runtimeHome, List<Problem> problems) {
        if (raw == null) {
            problems.add(Problem.error("runtime", "is required (start, stop and status commands)"));
            return null;
        }
        List<String> start = command(raw.start(), "runtime.start", runtimeHome, problems);
        List<String> stop = command(raw.stop(), "runtime.stop", runtimeHome, problems);
        List<String> status = command(raw.status(), "runtime.status", runtimeHome, problems);
        Duration commandTimeout = raw.commandTimeout() == null ? DEFAULT_COMMAND_TIMEOUT : raw.commandTimeout().duration();
        Duration healthWait = raw.healthWait() == null ? DEFAULT_HEALTH_WAIT : raw.healthWait().duration();
        if (start == null || stop == null || status == null) {
            return null;
        }
        return new RuntimeSettings(start, stop, status, commandTimeout, healthWait);
    }

    /** A command as an argument list; a program given as a relative path with a '/' runs from the runtime home. */
    private static List<String> command(List<String> raw, String field, Path runtimeHome, List<Problem> problems) {
        if (raw == null || raw.isEmpty()) {
            problems.add(Problem.error(field, "is required (an argument list such as [bin/runtime-ctl, start])"));
            return null;
        }
        List<String> command = new ArrayList<>(raw);
        for (int i = 0; i < command.size(); i++) {
            if (command.get(i) == null || command.get(i).isEmpty()) {
                problems.add(Problem.error(field + "[" + i + "]", "must not be empty"));
                return null;
            }
        }
        String program = command.get(0);
        if (program.contains("/") && !program.startsWith("/") && runtimeHome != null) {
            command.set(0, runtimeHome.resolve(program).normalize().toString());
        }
        return command;
    }

    private static Path path(Path base, String value, String field, List<Problem> problems) {
        if (value == null) {
            return null;
        }
        if (value.isBlank()) {
            problems.add(Problem.error(field, "must not be empty"));
            return null;
        }
        try {
            return base.resolve(value).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            problems.add(Problem.error(field, "'" + value + "' is not a valid path"));
            return null;
        }
    }
}
