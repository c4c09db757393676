package org.suptools.installer.plan;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.suptools.installer.config.GatewayConfig;
import org.suptools.installer.fs.Confinement;
import org.suptools.installer.fs.OutsideRootsException;
import org.suptools.model.validation.GatewayPathRule;

/**
 * Resolves the gateway paths of actions and refuses, before anything runs, the ones that reach
 * outside the allowed roots: by {@code ..}, by being absolute elsewhere, or through a link that is
 * already there (resolved by the same {@link Confinement} the executors use, a link at the end
 * followed too). The installer's own state directory and report files are off limits. These are
 * early refusals only: links a package creates later are caught where each write happens.
 */
public final class PathGuard {

    private final Path runtimeHome;
    private final List<Path> roots;
    private final Confinement confinement;
    private final Path stateDir;
    private final Path logsDir;
    private final List<Path> reportFiles;

    public PathGuard(GatewayConfig config) {
        this.runtimeHome = config.runtimeHome();
        this.roots = config.allowedRoots();
        this.confinement = confinementOf(config);
        this.stateDir = config.stateDir();
        this.logsDir = config.logsDir();
        this.reportFiles = reportFiles(config);
    }

    /** The write-time rule of this gateway: its allowed roots; its state directory and report files off limits. */
    public static Confinement confinementOf(GatewayConfig config) {
        return new Confinement(config.allowedRoots(), config.runtimeHome(), config.stateDir(), config.logsDir(),
                reportFiles(config));
    }

    private static List<Path> reportFiles(GatewayConfig config) {
        return List.of(config.reports().confirmation(), config.reports().auditLog(),
                config.reports().tr50Reply());
    }

    /**
     * The absolute path for a path written in a package, or why it is refused.
     *
     * @param replacesTree true for actions that delete or swap the whole path ({@code file.delete},
     *                     {@code firmware.update}): those must not hold an allowed root, the logs or
     *                     the state directory
     */
    public Result resolve(String written, boolean replacesTree) {
        Optional<String> rule = GatewayPathRule.check(written);
        if (rule.isPresent()) {
            return Result.refused(rule.get());
        }
        Path path;
        try {
            Path given = Path.of(written);
            path = (given.isAbsolute() ? given : runtimeHome.resolve(given)).normalize();
        } catch (InvalidPathException e) {
            return Result.refused("'" + written + "' is not a valid path");
        }
        if (roots.stream().noneMatch(path::startsWith)) {
            return Result.refused("'" + written + "' (" + path + ") is outside the allowed roots " + roots);
        }
        if (path.startsWith(stateDir) || realOrSelf(path).startsWith(realOrSelf(stateDir))) {
            return Result.refused("'" + written + "' is inside the installer's state directory");
        }
        if (reportFiles.contains(path)) {
            return Result.refused("'" + written + "' is one of the installer's own report files");
        }
        if (replacesTree) {
            if (roots.contains(path)) {
                return Result.refused("'" + written + "' is an allowed root itself; it cannot be deleted or replaced");
            }
            if (logsDir.startsWith(path) || stateDir.startsWith(path)) {
                return Result.refused("'" + written + "' holds the installer's logs or state; it cannot be deleted or replaced");
            }
        }
        try {
            confinement.target(path);
            if (replacesTree) {
                confinement.removable(path);
            }
        } catch (OutsideRootsException e) {
            return Result.refused(e.getMessage());
        }
        return Result.ok(path);
    }

    private static Path realOrSelf(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    /** A resolved path, or the reason it was refused. */
    public record Result(Optional<Path> path, Optional<String> problem) {

        static Result ok(Path path) {
            return new Result(Optional.of(path), Optional.empty());
        }

        static Result refused(String problem) {
            return new Result(Optional.empty(), Optional.of(problem));
        }
    }
}
