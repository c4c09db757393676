package org.suptools.installer.exec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.suptools.installer.fs.Durable;
import org.suptools.installer.fs.Trees;
import org.suptools.installer.journal.UndoStep;

/**
 * Puts new content at a gateway path, crash-safely: missing parent directories are created, the
 * content is written to a temp file beside the destination and forced to disk, the existing file
 * is backed up, and the temp file is renamed over the destination. Shared by {@code file.copy},
 * {@code certificate.install}, {@code license.install} and {@code properties.set}.
 */
final class FilePlacer {

    /** The mode of a new file when the action names none. */
    static final String DEFAULT_MODE = "0644";

    /** Writes the new content into the temp file it is given. */
    @FunctionalInterface
    interface Content {
        void writeTo(Path temp) throws IOException, ActionFailedException;
    }

    private FilePlacer() {
    }

    /** Places a payload file, checked by {@code check} before it replaces anything. */
    static long placePayload(ActionContext context, String source, Path destination, Optional<String> mode,
            Content check) throws IOException, ActionFailedException {
        long[] written = {0};
        place(context, destination, mode, temp -> {
            try (InputStream in = context.openPayload(source)) {
                written[0] = Durable.copyNew(in, temp, context.deadline());
            }
            check.writeTo(temp);
        });
        return written[0];
    }

    static void place(ActionContext context, Path destination, Optional<String> mode, Content content)
            throws IOException, ActionFailedException {
        if (Trees.isDirectory(destination)) {
            throw new ActionFailedException(destination + " is a directory; it cannot be replaced by a file");
        }
        Path parent = destination.getParent();
        List<Path> missing = missingDirectories(parent);
        Path temp = context.tempSibling(destination, "new");
        boolean existed = Trees.exists(destination);
        Path backup = context.backupDir().resolve("original");
        List<UndoStep> steps = new ArrayList<>();
        missing.forEach(dir -> steps.add(new UndoStep.Created(dir.toString(), false)));
        steps.add(new UndoStep.Created(temp.toString(), true));
        steps.add(existed ? new UndoStep.Saved(destination.toString(), backup.toString())
                : new UndoStep.Created(destination.toString(), false));
        context.record(steps);

        for (Path dir : missing) {
            Files.createDirectory(dir);
        }
        Trees.deleteRecursively(temp);
        content.writeTo(temp);
        Files.setPosixFilePermissions(temp, permissions(destination, existed, mode));
        if (existed) {
            copyOwner(destination, temp);
            FileBackup.linkOrCopy(destination, backup);
        }
        Durable.move(temp, destination);
    }

    /** The directories from the outermost missing one down to {@code dir}. */
    static List<Path> missingDirectories(Path dir) throws ActionFailedException {
        List<Path> missing = new ArrayList<>();
        for (Path p = dir; p != null && !Trees.exists(p); p = p.getParent()) {
            missing.add(0, p);
        }
        Path firstExisting = missing.isEmpty() ? dir : missing.get(0).getParent();
        if (firstExisting != null && !Files.isDirectory(firstExisting)) {
            throw new ActionFailedException(firstExisting + " is not a directory");
        }
        return missing;
    }

    private static Set<PosixFilePermission> permissions(Path destination, boolean existed, Optional<String> mode)
            throws IOException {
        if (mode.isPresent()) {
            return Trees.permissions(mode.get());
        }
        if (existed && Files.isRegularFile(destination, LinkOption.NOFOLLOW_LINKS)) {
            return Files.getPosixFilePermissions(destination, LinkOption.NOFOLLOW_LINKS);
        }
        return Trees.permissions(DEFAULT_MODE);
    }

    /** A replaced file keeps its owner and group when the installer may set them (it runs as root on gateways). */
    private static void copyOwner(Path from, Path to) {
        try {
            PosixFileAttributes was = Files.readAttributes(from, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            PosixFileAttributes now = Files.readAttributes(to, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!was.owner().equals(now.owner())) {
                Files.setOwner(to, was.owner());
            }
            if (!was.group().equals(now.group())) {
                Files.getFileAttributeView(to, java.nio.file.attribute.PosixFileAttributeView.class).setGroup(was.group());
            }
        } catch (IOException | UnsupportedOperationException e) {
            // Not permitted for an unprivileged installer: the file then belongs to the installer's user.
        }
    }
}
