package org.suptools.installer.plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.suptools.installer.config.GatewayConfig;
import org.suptools.installer.report.AuditLog;
import org.suptools.installer.report.Confirmation;
import org.suptools.installer.report.Tr50Reply;
import org.suptools.model.validation.GatewayPathRule;

/**
 * Resolves the gateway paths of actions and refuses the ones that could reach outside the
 * allowed roots: by {@code ..}, by being absolute elsewhere, or through a symbolic link anywhere on
 * the way (the deepest part that exists is resolved with {@link Path#toRealPath}, and a link at the
 * end is followed too). The installer's own state directory and report files are off limits.
 */
public final class PathGuard {

    private final Path runtimeHome;
    private final List<Path> roots;
    private final List<Path> realRoots;
    private final Path stateDir;
    private final Path logsDir;
    private final List<Path> reportFiles;

    public PathGuard(GatewayConfig config) {
        this.runtimeHome = config.runtimeHome();
        this.roots = config.allowedRoots();
        this.realRoots = new ArrayList<>();
        for (Path root : roots) {
            realRoots.add(realOrSelf(root));
        }
        this.stateDir = config.stateDir();
        this.logsDir = config.logsDir();
        this.reportFiles = List.of(config.logsDir().resolve(Confirmation.FILE_NAME),
                config.logsDir().resolve(AuditLog.FILE_NAME), config.logsDir().resolve(Tr50Reply.FILE_NAME));
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
        Optional<Path> real;
        try {
            real = realLocation(path);
        } catch (IOException e) {
            return Result.refused("'" + written + "' cannot be resolved: " + e.getMessage());
        }
        if (real.isPresent() && realRoots.stream().noneMatch(real.get()::startsWith)) {
            return Result.refused("'" + written + "' leads outside the allowed roots through a symbolic link (to "
                    + real.get() + ")");
        }
        return Result.ok(path);
    }

    /**
     * Where a path really is: its parent's deepest existing ancestor resolved through links, plus the
     * rest; if the path itself is a link, where the link points (when it dangles, its target as written).
     */
    private static Optional<Path> realLocation(Path path) throws IOException {
        Path parent = path.getParent();
        Path existing = parent;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return Optional.empty();
        }
        Path realParent = existing.toRealPath().resolve(existing.relativize(parent).toString()).normalize();
        Path located = realParent.resolve(path.getFileName().toString());
        if (Files.isSymbolicLink(located)) {
            Path target = Files.readSymbolicLink(located);
            Path resolved = realParent.resolve(target).normalize();
            return Optional.of(Files.exists(resolved) ? resolved.toRealPath() : resolved);
        }
        return Optional.of(located);
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
