package org.suptools.installer.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.suptools.installer.fs.Durable;
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
        if (Trees.exists(path)) {
            if (!Trees.isDirectory(path)) {
                throw new ActionFailedException(path + " exists and is not a directory");
            }
            if (action.mode().isPresent()) {
                String was = Trees.octal(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
                if (!was.equals(Trees.octal(Trees.permissions(action.mode().get())))) {
                    context.record(new UndoStep.ModeChanged(path.toString(), was));
                    Files.setPosixFilePermissions(path, Trees.permissions(action.mode().get()));
                    return ActionResult.of(path + " already exists; mode changed from " + was + " to " + action.mode().get());
                }
            }
            return ActionResult.of(path + " already exists");
        }
        List<Path> missing = FilePlacer.missingDirectories(path);
        context.record(new UndoStep.Created(missing.get(0).toString(), false));
        for (Path dir : missing) {
            Files.createDirectory(dir);
        }
        if (action.mode().isPresent()) {
            Files.setPosixFilePermissions(path, Trees.permissions(action.mode().get()));
        }
        Durable.syncDir(missing.get(0).getParent());
        return ActionResult.of("created " + path);
    }
}
