package org.suptools.portal.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Removes a group of files and directories of the data directory as one, safe against a crash at any
 * point. A plan naming them is written first under {@code trash/<id>/}; then the <em>commit</em> path (a
 * thing's file, a Developer File's metadata) is renamed into it: from that rename on, the thing or file
 * is gone for every reader. The other paths follow it into the trash, which is then deleted. A crash
 * before the commit leaves only a plan, which is dropped; after it, {@link #finishPending} (run under
 * the lock before every change of things or files, and when {@code serve} starts) moves what is left
 * and empties the trash. Callers hold the data directory's lock.
 */
final class Removal {

    private static final Logger LOG = Logger.getLogger(Removal.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PLAN = "plan.json";
    private static final String COMMITTED = "0";

    private Removal() {
    }

    /**
     * The paths, relative to the data directory.
     *
     * @param commit the path whose removal is the removal
     * @param rest what goes with it; a path that does not exist is skipped
     */
    record Plan(String commit, List<String> rest) {

        Plan {
            Objects.requireNonNull(commit, "commit");
            rest = List.copyOf(rest);
        }
    }

    /** Removes the plan's paths; the commit path must exist. */
    static void remove(DataDir data, Plan plan) {
        Path entry = data.resolve("trash").resolve(newId());
        try {
            Files.createDirectories(entry);
            data.write(entry.resolve(PLAN), plan);
            Files.move(data.resolve(plan.commit()), entry.resolve(COMMITTED),
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            forceDirectory(data.resolve(plan.commit()).getParent());
            forceDirectory(entry);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + plan.commit() + ": " + e.getMessage(), e);
        }
        finish(data, entry, plan);
    }

    /** Completes the removals a crash cut short: what was committed goes, what was not stays. */
    static void finishPending(DataDir data) {
        Path trash = data.resolve("trash");
        if (!Files.isDirectory(trash)) {
            return;
        }
        try (Stream<Path> entries = Files.list(trash)) {
            for (Path entry : entries.toList()) {
                java.util.Optional<Plan> plan;
                try {
                    plan = data.read(entry.resolve(PLAN), Plan.class);
                } catch (StoreException unreadable) {
                    plan = java.util.Optional.empty();
                }
                if (plan.isPresent() && Files.exists(entry.resolve(COMMITTED))) {
                    LOG.info("finishing the removal of " + plan.get().commit() + " that a crash cut short");
                    finish(data, entry, plan.get());
                } else {
                    deleteTree(entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + trash + ": " + e.getMessage(), e);
        }
    }

    private static void finish(DataDir data, Path entry, Plan plan) {
        try {
            for (int i = 0; i < plan.rest().size(); i++) {
                Path path = data.resolve(plan.rest().get(i));
                if (Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.move(path, entry.resolve(Integer.toString(i + 1)),
                            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove what goes with " + plan.commit() + ": " + e.getMessage(), e);
        }
        deleteTree(entry);
    }

    private static void deleteTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException gone) {
            // Emptied already.
        } catch (IOException e) {
            // The removal itself is done; leftovers under trash/ are dropped by the next finishPending.
            LOG.warning(() -> "cannot empty " + root + ": " + e.getMessage());
        }
    }

    /** Makes a rename in {@code dir} durable (Linux honours fsync on a directory; elsewhere it may not). */
    private static void forceDirectory(Path dir) {
        try (var channel = java.nio.channels.FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException notSupported) {
            // Not every platform opens directories; the rename is still atomic.
        }
    }

    private static String newId() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
