package org.suptools.workbench.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The specs and packages the user opened or saved last, newest first, at most {@link #MAX}: one
 * absolute path a line in {@code recent.txt} in the Workbench's config folder (the one
 * {@link GatewayBook#inUserConfig()} names, next to the gateways), so File > Open Recent survives a restart.
 */
public final class RecentFiles {

    public static final int MAX = 10;
    static final String FILE = "recent.txt";

    /** Remembers for the session only; for tests and when no config folder is wanted. */
    public static RecentFiles inMemory() {
        return new RecentFiles(null);
    }

    private final Path dir;
    private List<Path> session = List.of();

    public RecentFiles(Path dir) {
        this.dir = dir;
    }

    /** The remembered paths, newest first; lines that are no path are skipped. */
    public List<Path> list() throws IOException {
        if (dir == null) {
            return session;
        }
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<Path> paths = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            try {
                if (!line.isBlank() && paths.size() < MAX) {
                    paths.add(Path.of(line.strip()));
                }
            } catch (InvalidPathException e) {
                // A line edited by hand into no path is not worth refusing the whole list for.
            }
        }
        return List.copyOf(paths);
    }

    /** Puts this path first (moving it if it was there already) and keeps the newest {@link #MAX}. */
    public List<Path> remember(Path path) throws IOException {
        Path absolute = path.toAbsolutePath().normalize();
        List<Path> paths = new ArrayList<>(list());
        paths.remove(absolute);
        paths.add(0, absolute);
        return write(paths.subList(0, Math.min(MAX, paths.size())));
    }

    public List<Path> forget(Path path) throws IOException {
        List<Path> paths = new ArrayList<>(list());
        paths.remove(path);
        return write(paths);
    }

    private List<Path> write(List<Path> paths) throws IOException {
        List<Path> kept = List.copyOf(paths);
        if (dir == null) {
            session = kept;
            return kept;
        }
        Files.createDirectories(dir);
        Path part = dir.resolve(FILE + ".part");
        Files.write(part, kept.stream().map(Path::toString).toList(), StandardCharsets.UTF_8);
        Files.move(part, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return kept;
    }
}
