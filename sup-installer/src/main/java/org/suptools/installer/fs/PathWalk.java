package org.suptools.installer.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Resolves a path the way the kernel does, one component at a time on the real file system,
 * without ever standing above a boundary directory: each existing component is looked at with
 * {@code lstat}; a link is read and its target walked in its place (so a {@code ..} that follows a
 * link applies to where the link leads, never to the text before it); {@code ..} at the boundary
 * stops the walk. Text normalisation cannot do this: {@code b/..} is the link's parent only when
 * {@code b} is a directory.
 *
 * <p>What it returns is the real location: every directory on the way is a real directory (no
 * link), so an operation on the result follows no link except, when asked, the last one.
 */
public final class PathWalk {

    /** As Linux: more links than this in one resolution is a loop. */
    public static final int MAX_LINKS = 40;

    private PathWalk() {
    }

    /** Why a walk stopped. */
    public enum Reason {
        /** A {@code ..} or an absolute link target took it above the boundary. */
        LEAVES,
        /** More than {@link #MAX_LINKS} links in one resolution. */
        LOOP,
        /** A {@code ..} after a component that does not exist or is not a directory: it leads nowhere yet. */
        UNRESOLVED
    }

    /** A link met on the way: where it is (its real location) and its target as written. */
    public record Link(Path location, String target) {
    }

    /**
     * The walk stopped. {@code link} is the link whose target took it out (empty when the path
     * itself did, with a {@code ..} of its own).
     */
    public static final class Stopped extends Exception {

        private final Reason reason;
        private final transient Optional<Link> link;

        Stopped(Reason reason, Optional<Link> link) {
            super(reason + link.map(l -> " through " + l.location() + " -> " + l.target()).orElse(""), null, false,
                    false);
            this.reason = reason;
            this.link = link;
        }

        public Reason reason() {
            return reason;
        }

        public Optional<Link> link() {
            return link;
        }
    }

    /** One name still to walk, and the link whose target it comes from (null: from the path itself). */
    private record Part(String name, Link via) {

        Optional<Link> link() {
            return Optional.ofNullable(via);
        }
    }

    /**
     * Walks {@code names} from {@code start}.
     *
     * @param boundary   a real directory (no link on its path) the walk may not leave
     * @param aliases    other spellings of the boundary that an absolute link target may use (the
     *                   configured path of a root reached through a link); the boundary itself always counts
     * @param start      a real directory at or below {@code boundary}
     * @param names      the components to walk, relative to {@code start}
     * @param followLast whether a link as the very last component is followed (chmod, open, mkdir
     *                   inside) or left alone (delete it, rename over it, create it)
     * @return the real location
     * @throws Stopped     when the walk would leave the boundary, loops, or climbs out of nothing
     * @throws IOException when a component cannot be looked at
     */
    public static Path walk(Path boundary, List<Path> aliases, Path start, List<String> names, boolean followLast)
            throws Stopped, IOException {
        // The path's own names are taken in order; the names of link targets met on the way go
        // before the rest of them, innermost link first.
        Deque<Part> expansion = new ArrayDeque<>();
        int index = 0;
        Path current = start;
        // Once a component is missing (or is a file), nothing below it exists: the rest is only text.
        boolean nothingBelow = false;
        int links = 0;
        while (true) {
            Part part;
            if (!expansion.isEmpty()) {
                part = expansion.removeFirst();
            } else if (index < names.size()) {
                String name = names.get(index++);
                if (name.isEmpty() || name.equals(".")) {
                    continue;
                }
                part = new Part(name, null);
            } else {
                break;
            }
            if (part.name().equals("..")) {
                if (nothingBelow) {
                    throw new Stopped(Reason.UNRESOLVED, part.link());
                }
                if (current.equals(boundary)) {
                    throw new Stopped(Reason.LEAVES, part.link());
                }
                current = current.getParent();
                continue;
            }
            Path next = current.resolve(part.name());
            boolean last = expansion.isEmpty() && onlyDotsFrom(names, index);
            if (nothingBelow || last && !followLast) {
                // Below nothing, or the entry itself, which is acted on, not followed.
                current = next;
                continue;
            }
            BasicFileAttributes attributes = lstat(next);
            if (attributes != null && attributes.isSymbolicLink()) {
                Link link = new Link(next, Files.readSymbolicLink(next).toString());
                if (++links > MAX_LINKS) {
                    throw new Stopped(Reason.LOOP, Optional.of(link));
                }
                List<String> targetNames = split(link.target());
                if (link.target().startsWith("/")) {
                    targetNames = belowBoundary(boundary, aliases, Path.of(link.target()))
                            .orElseThrow(() -> new Stopped(Reason.LEAVES, Optional.of(link)));
                    current = boundary;
                }
                for (int i = targetNames.size() - 1; i >= 0; i--) {
                    expansion.addFirst(new Part(targetNames.get(i), link));
                }
                continue;
            }
            current = next;
            nothingBelow = attributes == null || !attributes.isDirectory();
        }
        return current;
    }

    /**
     * Checks a link about to be created at {@code link} (whose parent is a real directory at or
     * below {@code boundary}) with {@code target}: it must be relative, it may climb with
     * {@code ..} only at its start (a {@code name/..} in the middle changes meaning as soon as
     * {@code name} is replaced by a link, so it is refused whatever it means today), and its real
     * resolution now, following the links already there, must stay at or below the boundary.
     *
     * @param shownBoundary how messages call the boundary ("the unpacked tree", "apps")
     * @return why it is refused (to follow "a link to 'target' that"), or empty when it may be created
     */
    public static Optional<String> checkNewLink(Path boundary, String shownBoundary, Path link, String target)
            throws IOException {
        if (target.isEmpty() || target.indexOf('\0') >= 0) {
            return Optional.of("is empty or holds a NUL character");
        }
        if (target.startsWith("/")) {
            return Optional.of("is absolute; only relative links are created");
        }
        boolean named = false;
        for (String name : split(target)) {
            if (name.equals("..") && named) {
                return Optional.of("climbs back with '..' after a name; a link may use '..' only at its start, "
                        + "since 'name/..' changes meaning once 'name' is a link");
            }
            named |= !name.equals("..");
        }
        try {
            walk(boundary, List.of(), link.getParent(), split(target), true);
            return Optional.empty();
        } catch (Stopped e) {
            String through = e.link().map(l -> " through the link " + boundary.relativize(l.location()) + " -> "
                    + l.target()).orElse("");
            return Optional.of(switch (e.reason()) {
                case LEAVES -> "leads outside " + shownBoundary + through;
                case LOOP -> "goes round a loop of links" + through;
                case UNRESOLVED -> "climbs with '..' out of something that does not exist" + through;
            });
        }
    }

    private static boolean onlyDotsFrom(List<String> names, int index) {
        for (int i = index; i < names.size(); i++) {
            if (!names.get(i).isEmpty() && !names.get(i).equals(".")) {
                return false;
            }
        }
        return true;
    }

    /** The non-empty components of a path as written, {@code .} left out. */
    public static List<String> split(String path) {
        List<String> names = new ArrayList<>();
        for (String name : path.split("/")) {
            if (!name.isEmpty() && !name.equals(".")) {
                names.add(name);
            }
        }
        return names;
    }

    /** The components of an absolute target below the boundary (any of its spellings); empty when it is elsewhere. */
    private static Optional<List<String>> belowBoundary(Path boundary, List<Path> aliases, Path target) {
        List<Path> spellings = new ArrayList<>(aliases);
        spellings.add(0, boundary);
        for (Path spelling : spellings) {
            if (target.startsWith(spelling)) {
                List<String> names = new ArrayList<>();
                for (int i = spelling.getNameCount(); i < target.getNameCount(); i++) {
                    names.add(target.getName(i).toString());
                }
                return Optional.of(split(String.join("/", names)));
            }
        }
        return Optional.empty();
    }

    private static BasicFileAttributes lstat(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
