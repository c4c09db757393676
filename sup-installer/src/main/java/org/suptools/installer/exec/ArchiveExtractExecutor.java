package org.suptools.installer.exec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.suptools.installer.exec.ArchiveUnpacker.Kind;
import org.suptools.installer.exec.ArchiveUnpacker.Unpacked;
import org.suptools.installer.fs.Trees;
import org.suptools.installer.journal.UndoStep;
import org.suptools.model.action.ArchiveExtract;
import org.suptools.model.action.ArchiveFormat;

/**
 * {@code archive.extract}: the payload is unpacked safely into a staging directory beside the
 * destination, checked against what is already there (a file never replaces a directory or the
 * other way round, nothing is written through a link), and then moved in entry by entry, each
 * existing file backed up first. The journal lists every file added or overwritten before the
 * first one moves, so undo restores what was overwritten and removes what was added. Every move
 * goes through {@link GatewayFiles}, and a link entry is checked again where it lands: it must
 * resolve inside the destination, following the links already there.
 */
final class ArchiveExtractExecutor implements ActionExecutor {

    private final ArchiveExtract action;

    ArchiveExtractExecutor(ArchiveExtract action) {
        this.action = action;
    }

    @Override
    public ActionResult apply(ActionContext context) throws ActionFailedException, IOException {
        Path destination = context.path("destination");
        GatewayFiles files = context.files();
        ArchiveFormat format = action.effectiveFormat().orElseThrow(() -> new ActionFailedException(
                "cannot tell the archive format of " + action.source() + " (set format: zip, tar or tar.gz)"));
        if (files.exists(destination) && !files.isDirectory(destination)) {
            throw new ActionFailedException(destination + " exists and is not a directory");
        }
        List<Path> missing = FilePlacer.missingDirectories(files, destination);
        Path staging = context.tempSibling(destination, "staging");
        List<UndoStep> first = new ArrayList<>();
        if (!missing.isEmpty()) {
            first.add(new UndoStep.Created(missing.get(0).toString(), false));
        }
        first.add(new UndoStep.Created(staging.toString(), true));
        context.record(first);
        for (Path dir : missing) {
            files.createDirectory(dir);
        }
        files.deleteTree(staging);

        List<Unpacked> entries;
        try (InputStream in = context.openPayload(action.source())) {
            entries = ArchiveUnpacker.unpack(in, format, files.entry(staging),
                    context.backupDir().resolve("payload.zip"), context.unpackLimits(), context.deadline());
        }
        // Where the destination really is, its parts inside checked to be real directories: what
        // exists there can be read without going through links. Every change below is still checked.
        Path realDestination = files.entry(destination);
        checkConflicts(files, destination, realDestination, entries);

        Path backups = context.backupDir().resolve("overwritten");
        List<UndoStep> steps = new ArrayList<>();
        int added = 0;
        int replaced = 0;
        for (Unpacked entry : entries) {
            Path target = destination.resolve(entry.path());
            if (Trees.exists(realDestination.resolve(entry.path()))) {
                if (entry.kind() != Kind.DIRECTORY) {
                    steps.add(new UndoStep.Saved(target.toString(), backups.resolve(entry.path()).toString()));
                    replaced++;
                }
            } else {
                steps.add(new UndoStep.Created(target.toString(), false));
                added += entry.kind() == Kind.DIRECTORY ? 0 : 1;
            }
        }
        context.record(steps);

        for (Unpacked entry : entries) {
            Path target = destination.resolve(entry.path());
            Path staged = staging.resolve(entry.path());
            boolean exists = Trees.exists(realDestination.resolve(entry.path()));
            if (entry.kind() == Kind.DIRECTORY) {
                if (!exists) {
                    files.createDirectory(target);
                    files.setPermissions(target, Files.getPosixFilePermissions(files.entry(staged)));
                }
                continue;
            }
            if (exists) {
                FileBackup.linkOrCopy(files, target, backups.resolve(entry.path()));
            }
            if (entry.kind() == Kind.LINK) {
                files.replaceWithLink(staged, target, destination);
            } else {
                files.replace(staged, target);
            }
            context.deadline().check();
        }
        files.deleteTree(staging);
        return ActionResult.of("extracted " + action.source() + " into " + destination + ": " + added + " added, "
                + replaced + " replaced");
    }

    /** Refuses, before anything moves, entries that would replace a directory by a file or go through a link. */
    private static void checkConflicts(GatewayFiles files, Path destination, Path realDestination,
            List<Unpacked> entries) throws ActionFailedException {
        for (Unpacked entry : entries) {
            Path target = realDestination.resolve(entry.path());
            for (Path p = target.getParent(); !p.equals(realDestination); p = p.getParent()) {
                if (Files.isSymbolicLink(p)) {
                    throw new ActionFailedException("archive entry '" + entry.path() + "' would be written through the link "
                            + files.show(destination.resolve(realDestination.relativize(p).toString())));
                }
                if (Trees.exists(p) && !Trees.isDirectory(p)) {
                    throw new ActionFailedException("archive entry '" + entry.path() + "' needs "
                            + destination.resolve(realDestination.relativize(p).toString())
                            + " to be a directory, but it is a file");
                }
            }
            if (!Trees.exists(target)) {
                continue;
            }
            boolean isDirectory = Trees.isDirectory(target);
            Path shown = destination.resolve(entry.path());
            if (entry.kind() == Kind.DIRECTORY && !isDirectory) {
                throw new ActionFailedException("archive entry '" + entry.path() + "' is a directory, but " + shown
                        + " is a file");
            }
            if (entry.kind() != Kind.DIRECTORY && isDirectory) {
                throw new ActionFailedException("archive entry '" + entry.path() + "' is a file, but " + shown
                        + " is a directory");
            }
        }
    }
}
