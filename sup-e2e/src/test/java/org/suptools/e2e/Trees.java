package org.suptools.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Copies and fingerprints of directory trees: sample sources and runtime homes. */
final class Trees {

    private Trees() {
    }

    /**
     * Path to "type size sha256 mode" (or "dir mode", or "link target") of every entry of a runtime
     * home but logs/ and run/, which the runtime and the installer write to on every run.
     */
    static Map<String, String> snapshot(Path home) throws IOException {
        Map<String, String> tree = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(home)) {
            for (Path p : paths.toList()) {
                String rel = home.relativize(p).toString();
                if (rel.equals("logs") || rel.startsWith("logs/") || rel.equals("run") || rel.startsWith("run/")) {
                    continue;
                }
                if (Files.isSymbolicLink(p)) {
                    tree.put(rel, "link " + Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    tree.put(rel, "dir " + Files.getPosixFilePermissions(p));
                } else {
                    tree.put(rel, "file " + Files.size(p) + " " + sha256(p) + " " + Files.getPosixFilePermissions(p));
                }
            }
        }
        return tree;
    }

    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }
}
