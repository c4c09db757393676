package org.suptools.installer.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything about a directory tree that an install may change, by relative path: type, mode,
 * size, SHA-256 of files, target of links. Two snapshots are equal exactly when the trees are the
 * same byte for byte (times aside). Chosen top-level names (the runtime's own {@code logs} and
 * {@code run}) can be left out.
 */
public record TreeSnapshot(Map<String, Node> nodes) {

    public record Node(String type, String mode, long size, String sha256, String linkTarget) {
        @Override
        public String toString() {
            return type + " " + mode + (type.equals("file") ? " " + size + " " + sha256.substring(0, 12) : "")
                    + (linkTarget.isEmpty() ? "" : " -> " + linkTarget);
        }
    }

    public static TreeSnapshot of(Path root, String... excludedTopLevel) throws IOException {
        Set<String> excluded = Set.of(excludedTopLevel);
        Map<String, Node> nodes = new TreeMap<>();
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return new TreeSnapshot(nodes);
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                String rel = root.relativize(dir).toString();
                if (!rel.isEmpty() && excluded.contains(rel.split("/")[0])) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                nodes.put(rel.isEmpty() ? "." : rel, new Node("dir", mode(dir), 0, "", ""));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String rel = root.relativize(file).toString();
                if (excluded.contains(rel.split("/")[0])) {
                    return FileVisitResult.CONTINUE;
                }
                if (attrs.isSymbolicLink()) {
                    nodes.put(rel, new Node("link", "", 0, "", Files.readSymbolicLink(file).toString()));
                } else if (attrs.isRegularFile()) {
                    nodes.put(rel, new Node("file", mode(file), attrs.size(), sha256(file), ""));
                } else {
                    nodes.put(rel, new Node("other", "", 0, "", ""));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return new TreeSnapshot(nodes);
    }

    /** What differs from another snapshot, one line per path; empty when equal. */
    public String diff(TreeSnapshot other) {
        List<String> lines = new ArrayList<>();
        Set<String> paths = new TreeSet<>(nodes.keySet());
        paths.addAll(other.nodes.keySet());
        for (String path : paths) {
            Node a = nodes.get(path);
            Node b = other.nodes.get(path);
            if (a == null) {
                lines.add("+ " + path + " " + b);
            } else if (b == null) {
                lines.add("- " + path + " " + a);
            } else if (!a.equals(b)) {
                lines.add("~ " + path + " " + a + " => " + b);
            }
        }
        return String.join("\n", lines);
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
