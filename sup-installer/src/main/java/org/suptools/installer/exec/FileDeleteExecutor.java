package org.suptools.installer.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.suptools.installer.fs.Trees;
import org.suptools.installer.journal.UndoStep;
import org.suptools.model.action.FileDelete;

/**
 * {@code file.delete}: a file, link or (when recursive) a whole tree is moved into the backup
 * directory, which is a rename on the same file system. Undo moves it back.
 */
final class FileDeleteExecutor implements ActionExecutor {

    private final FileDelete action;

    FileDeleteExecutor(FileDelete action) {
        this.action = action;
    }

    @Override
    public ActionResult apply(ActionContext context) throws ActionFailedException, IOException {
        Path path = context.path("path");
        GatewayFiles files = context.files();
        Path real = files.removable(path);
        if (!Trees.exists(real)) {
            if (action.missingOk()) {
                return ActionResult.of(path + " does not exist; nothing to delete");
            }
            throw new ActionFailedException(path + " does not exist (set missingOk to accept that)");
        }
        if (Trees.isDirectory(real) && !action.recursive() && !isEmpty(real)) {
            throw new ActionFailedException(path + " is a directory that is not empty (set recursive to delete the tree)");
        }
        Path backup = context.backupDir().resolve("deleted");
        context.record(new UndoStep.Saved(path.toString(), backup.toString()));
        FileBackup.moveAside(files, path, backup);
        return ActionResult.of("deleted " + path);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
