package org.suptools.installer.exec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.suptools.installer.fs.TestFault;
import org.suptools.installer.fs.TestPause;
import org.suptools.installer.fs.Trees;
import org.suptools.installer.journal.UndoStep;

/**
 * Puts new content at a gateway path, crash-safely: missing parent directories are created, the
 * content is written to a temp file beside the destination and forced to disk, the existing file
 * is backed up, and the temp file is renamed over the destination. Every step goes through
 * {@link GatewayFiles}, so none of them can reach outside the allowed roots, whatever links are
 * on the way by then. Shared by {@code file.copy}, {@code certificate.install},
 * {@code license.install} and {@code properties.set}.
 */
final class FilePlacer {

    /** The mode of a new file when the action names none. */
    static final String DEFAULT_MODE = "0644";

    /** Writes the new content into the temp file it is given (through the context's {@link GatewayFiles}). */
    @FunctionalInterface
    interface Content {
        void writeTo(Path temp) throws IOException, ActionFailedException;
    }

    private FilePlacer() {
    }

    /**
     * Places a payload file, checked by {@code check} before it replaces anything. A payload
     * staged while the package was verified is renamed to the temp file (no second read); one
     * that was not, or whose destination is on another file system, is copied.
     */
    static long placePayload(ActionContext context, String source, Path destination, Optional<String> mode,
            Content check) throws IOException, ActionFailedException {
        long[] written = {0};
        place(context, destination, mode, temp -> {
            Optional<Path> staged = context.stagedPayload(source);
            if (staged.isPresent() && moved(context, staged.get(), temp)) {
                written[0] = Files.size(context.files().entry(temp));
                TestPause.copied(written[0]);
                TestFault.copied(written[0]);
            } else {
                try (InputStream in = staged.isPresent() ? Files.newInputStream(staged.get())
                        : context.openPayload(source)) {
                    written[0] = context.files().copyNew(in, temp, context.deadline());
                }
            }
            check.writeTo(temp);
        });
        return written[0];
    }

    /** Renames the staged file to {@code temp}; false when they are on different file systems. */
    private static boolean moved(ActionContext context, Path staged, Path temp) throws IOException,
            ActionFailedException {
        try {
            context.files().moveIn(staged, temp);
            return true;
        } catch (AtomicMoveNotSupportedException e) {
            return false;
        }
    }

    static void place(ActionContext context, Path destination, Optional<String> mode, Content content)
            throws IOException, ActionFailedException {
        GatewayFiles files = context.files();
        if (files.isDirectory(destination)) {
            throw new ActionFailedException(destination + " is a directory; it cannot be replaced by a file");
        }
        Path parent = destination.getParent();
        List<Path> missing = missingDirectories(files, parent);
        Path temp = context.tempSibling(destination, "new");
        boolean existed = files.exists(destination);
        Path backup = context.backupDir().resolve("original");
        List<UndoStep> steps = new ArrayList<>();
        missing.forEach(dir -> steps.add(new UndoStep.Created(dir.toString(), false)));
        steps.add(new UndoStep.Created(temp.toString(), true));
        steps.add(existed ? new UndoStep.Saved(destination.toString(), backup.toString())
                : new UndoStep.Created(destination.toString(), false));
        context.record(steps);

        for (Path dir : missing) {
            files.createDirectory(dir);
        }
        files.deleteTree(temp);
        content.writeTo(temp);
        files.setPermissions(temp, permissions(files, destination, existed, mode));
        if (existed) {
            files.copyOwner(destination, temp);
            FileBackup.linkOrCopy(files, destination, backup);
        }
        files.replace(temp, destination);
    }

    /**
     * The directories from the outermost missing one down to {@code dir}; refused when the path
     * leads outside the allowed roots, or when what exists is not a directory.
     */
    static List<Path> missingDirectories(GatewayFiles files, Path dir) throws ActionFailedException {
        List<Path> missing = new ArrayList<>();
        for (Path p = dir; p != null && !files.exists(p); p = p.getParent()) {
            missing.add(0, p);
        }
        Path firstExisting = missing.isEmpty() ? dir : missing.get(0).getParent();
        if (firstExisting != null && !Files.isDirectory(files.target(firstExisting))) {
            throw new ActionFailedException(firstExisting + " is not a directory");
        }
        return missing;
    }

    private static Set<PosixFilePermission> permissions(GatewayFiles files, Path destination, boolean existed,
            Optional<String> mode) throws IOException, ActionFailedException {
        if (mode.isPresent()) {
            return Trees.permissions(mode.get());
        }
        Path real = files.entry(destination);
        if (existed && Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            return Files.getPosixFilePermissions(real, LinkOption.NOFOLLOW_LINKS);
        }
        return Trees.permissions(DEFAULT_MODE);
    }
}
