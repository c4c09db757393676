package org.suptools.installer.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.suptools.installer.fs.Trees;
import org.suptools.installer.journal.UndoStep;
import org.suptools.model.action.DirCreate;

/**
 * {@code dir.create}: a directory and its missing parents, with a mode. An existing directory is
 * left as it is (its mode set when one is given). Undo removes what was created and restores the mode.
 */
final class DirCreateExecutor implements ActionExecutor {

    private final DirCreate action;

    DirCreateExecutor(DirCreate action) {
        this.action = action;
    }

    @Override
    public ActionResult apply(ActionContext context) throws ActionFailedException, IOException {
        Path path = context.path("path");
        GatewayFiles files = context.files();
        if (files.exists(path)) {
            if (!files.isDirectory(path)) {
                throw new ActionFailedException(path + " exists and is not a directory");
            }
            if (action.mode().isPresent()) {
                String was = Trees.octal(Files.getPosixFilePermissions(files.entry(path), LinkOption.NOFOLLOW_LINKS));
                if (!was.equals(Trees.octal(Trees.permissions(action.mode().get())))) {
                    context.record(new UndoStep.ModeChanged(path.toString(), was));
                    files.setPermissions(path, Trees.permissions(action.mode().get()));
                    return ActionResult.of(path + " already exists; mode changed from " + was + " to " + action.mode().get());
                }
            }
            return ActionResult.of(path + " already exists");
        }
        List<Path> missing = FilePlacer.missingDirectories(files, path);
        context.record(new UndoStep.Created(missing.get(0).toString(), false));
        for (Path dir : missing) {
            files.createDirectory(dir);
        }
        if (action.mode().isPresent()) {
            files.setPermissions(path, Trees.permissions(action.mode().get()));
        }
        files.syncDir(missing.get(0).getParent());
        return ActionResult.of("created " + path);
    }
}
