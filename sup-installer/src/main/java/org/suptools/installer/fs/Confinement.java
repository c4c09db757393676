package org.suptools.installer.fs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The rule every change to a gateway path obeys, checked where the change is made: the path is
 * resolved component by component on the real file system ({@link PathWalk}), from the allowed
 * root it lies in; a link on the way is followed only while it leads somewhere inside that same
 * root, and the result must not be inside the installer's state directory or be one of its report
 * files. What it returns is the real location, so the operation itself follows no link.
 *
 * <p>{@link #entry} is for operations on the entry itself (create it, delete it, rename over it):
 * a link as the last component is left alone. {@link #target} is for operations that follow it
 * (change its mode, open it, create inside it): a link at the end must lead inside too.
 * {@link #removable} is for taking a whole tree away.
 */
public final class Confinement {

    private final List<Root> roots;
    private final Path runtimeHome;
    private final Path realRuntimeHome;
    private final Path stateDir;
    private final Path logsDir;
    private final List<Path> reportFiles;

    /** An allowed root as configured, and where it really is (the same unless it is reached through a link). */
    private record Root(Path configured, Path real) {

        Optional<List<String>> namesBelow(Path path) {
            for (Path spelling : List.of(configured, real)) {
                if (path.startsWith(spelling)) {
                    List<String> names = new ArrayList<>();
                    for (int i = spelling.getNameCount(); i < path.getNameCount(); i++) {
                        names.add(path.getName(i).toString());
                    }
                    return Optional.of(names);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * @param roots       the allowed roots, absolute
     * @param runtimeHome messages show paths below it relative to it
     * @param stateDir    off limits: the journal and the backups
     * @param logsDir     holds the report files; a tree holding it cannot be removed
     * @param reportFiles off limits: the installer's own reports
     */
    public Confinement(List<Path> roots, Path runtimeHome, Path stateDir, Path logsDir, List<Path> reportFiles) {
        this.roots = new ArrayList<>();
        for (Path root : roots) {
            Path absolute = root.toAbsolutePath().normalize();
            this.roots.add(new Root(absolute, realOrSelf(absolute)));
        }
        // The outermost root first: a path under two nested roots may move about the larger one.
        this.roots.sort((a, b) -> Integer.compare(a.configured().getNameCount(), b.configured().getNameCount()));
        this.runtimeHome = Objects.requireNonNull(runtimeHome, "runtimeHome").toAbsolutePath().normalize();
        this.realRuntimeHome = realOrSelf(this.runtimeHome);
        this.stateDir = realOrSelf(stateDir.toAbsolutePath().normalize());
        this.logsDir = realOrSelf(logsDir.toAbsolutePath().normalize());
        this.reportFiles = reportFiles.stream().map(f -> this.logsDir.resolve(f.getFileName().toString())).toList();
    }

    /** Where {@code path} really is, a link as its last component not followed. */
    public Path entry(Path path) throws OutsideRootsException {
        return resolve(path, false);
    }

    /** Where {@code path} really leads, a link as its last component followed (it must lead inside too). */
    public Path target(Path path) throws OutsideRootsException {
        return resolve(path, true);
    }

    /**
     * Where {@code path} really is, for taking it away with everything below it: an allowed root
     * itself, or a tree holding the logs or the state directory, is refused.
     */
    public Path removable(Path path) throws OutsideRootsException {
        Path real = entry(path);
        if (roots.stream().anyMatch(root -> root.real().equals(real))) {
            throw new OutsideRootsException(show(path) + " is an allowed root itself; it cannot be deleted or "
                    + "replaced");
        }
        if (roots.stream().anyMatch(root -> root.real().startsWith(real))) {
            throw new OutsideRootsException(show(path) + " holds an allowed root; it cannot be deleted or replaced");
        }
        if (logsDir.startsWith(real) || stateDir.startsWith(real)) {
            throw new OutsideRootsException(show(path) + " holds the installer's logs or state; it cannot be deleted "
                    + "or replaced");
        }
        return real;
    }

    /**
     * Checks a link about to be created at {@code link} with {@code target}: it must stay inside
     * {@code within} (a directory at or below an allowed root: the tree an archive is unpacked
     * into), see {@link PathWalk#checkNewLink}.
     */
    public void checkNewLink(Path link, String target, Path within) throws OutsideRootsException {
        Path realWithin = target(within);
        Path realLink = entry(link);
        if (!realLink.startsWith(realWithin) || realLink.equals(realWithin)) {
            throw new OutsideRootsException(show(link) + " is not inside " + show(within));
        }
        Optional<String> refusal;
        try {
            refusal = PathWalk.checkNewLink(realWithin, show(within), realLink, target);
        } catch (IOException e) {
            throw new OutsideRootsException(show(link) + ": its target '" + target + "' cannot be resolved: "
                    + e.getMessage());
        }
        if (refusal.isPresent()) {
            throw new OutsideRootsException(show(link) + " is a link to '" + target + "' that " + refusal.get());
        }
    }

    /** A path as messages show it: relative to the runtime home when it is below it, else absolute. */
    public String show(Path path) {
        Path absolute = path.toAbsolutePath();
        for (Path home : List.of(runtimeHome, realRuntimeHome)) {
            if (absolute.startsWith(home) && !absolute.equals(home)) {
                return home.relativize(absolute).toString();
            }
        }
        return absolute.toString();
    }

    private Path resolve(Path path, boolean followLast) throws OutsideRootsException {
        Path absolute = path.toAbsolutePath();
        for (Root root : roots) {
            Optional<List<String>> names = root.namesBelow(absolute);
            if (names.isEmpty()) {
                continue;
            }
            Path real;
            try {
                real = PathWalk.walk(root.real(), List.of(root.configured()), root.real(), names.get(), followLast);
            } catch (PathWalk.Stopped e) {
                throw refusal(path, e);
            } catch (IOException e) {
                throw new OutsideRootsException(show(path) + " cannot be resolved: " + e.getMessage());
            }
            if (real.startsWith(stateDir)) {
                throw new OutsideRootsException(show(path) + " is inside the installer's state directory");
            }
            if (reportFiles.contains(real)) {
                throw new OutsideRootsException(show(path) + " is one of the installer's own report files");
            }
            return real;
        }
        throw new OutsideRootsException(show(path) + " is outside the allowed roots "
                + roots.stream().map(Root::configured).toList());
    }

    private OutsideRootsException refusal(Path path, PathWalk.Stopped stopped) {
        String link = stopped.link().map(l -> " the link " + show(l.location()) + " -> " + l.target()).orElse("");
        return new OutsideRootsException(switch (stopped.reason()) {
            case LEAVES -> show(path) + " leads outside the allowed roots through" + (link.isEmpty() ? " '..'" : link);
            case LOOP -> show(path) + " cannot be resolved: more than " + PathWalk.MAX_LINKS
                    + " links in a row (a loop?) at" + link;
            case UNRESOLVED -> show(path) + " cannot be resolved: '..' after something that does not exist"
                    + (link.isEmpty() ? "" : ", in" + link);
        });
    }

    /** Where a path really is: its deepest existing ancestor resolved through links, the rest as written. */
    private static Path realOrSelf(Path path) {
        Path existing = path;
        while (existing != null) {
            try {
                Path real = existing.toRealPath();
                return existing == path ? real : real.resolve(existing.relativize(path).toString());
            } catch (IOException e) {
                existing = existing.getParent();
            }
        }
        return path;
    }
}
