package org.suptools.installer.exec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.suptools.installer.journal.UndoStep;
import org.suptools.installer.runtime.RuntimeControlException;
import org.suptools.model.action.ArchiveFormat;
import org.suptools.model.action.FirmwareUpdate;
import org.suptools.installer.journal.RuntimeState;

/**
 * {@code firmware.update}: the new runtime tree is unpacked beside the current one, the runtime is
 * stopped if it runs, and two journalled renames swap the trees ({@code <dir>} becomes
 * {@code <dir>.previous}, the new tree becomes {@code <dir>}); a {@code <dir>.previous} left by an
 * earlier update is set aside and deleted once the package is committed. A runtime that was
 * running is started again and must pass its health check. Undo stops the runtime and renames
 * back; it never starts it: the rollback does, once, after every undo (see {@link UndoContext}).
 * The unpacker keeps every link of the new tree inside it, and each rename goes through
 * {@link GatewayFiles}.
 */
final class FirmwareUpdateExecutor implements ActionExecutor {

    static final String PREVIOUS_SUFFIX = ".previous";

    private final FirmwareUpdate action;

    FirmwareUpdateExecutor(FirmwareUpdate action) {
        this.action = action;
    }

    @Override
    public ActionResult apply(ActionContext context) throws ActionFailedException, IOException {
        Path dir = context.path("directory");
        GatewayFiles files = context.files();
        ArchiveFormat format = action.effectiveFormat().orElseThrow(() -> new ActionFailedException(
                "cannot tell the archive format of " + action.source() + " (set format: zip, tar or tar.gz)"));
        if (files.exists(dir) && !files.isDirectory(dir)) {
            throw new ActionFailedException(dir + " exists and is not a directory");
        }
        if (!Files.isDirectory(files.target(dir.getParent()))) {
            throw new ActionFailedException(dir.getParent() + " is not a directory");
        }
        Path fresh = context.tempSibling(dir, "new");
        Path previous = dir.resolveSibling(dir.getFileName() + PREVIOUS_SUFFIX);
        Path aside = context.tempSibling(dir, "old-previous");

        context.record(new UndoStep.Created(fresh.toString(), true));
        files.deleteTree(fresh);
        List<ArchiveUnpacker.Unpacked> entries;
        try (InputStream in = context.openPayload(action.source())) {
            entries = ArchiveUnpacker.unpack(in, format, files.entry(fresh), context.backupDir().resolve("payload.zip"),
                    context.unpackLimits(), context.deadline());
        }

        boolean wasRunning = isRunning(context);
        if (wasRunning) {
            context.record(new UndoStep.Runtime(RuntimeState.RUNNING));
            try {
                context.runtime().stop();
            } catch (RuntimeControlException e) {
                throw new ActionFailedException("cannot stop the runtime before the swap: " + e.getMessage(), e);
            }
        }
        if (files.exists(previous)) {
            context.record(new UndoStep.Renamed(previous.toString(), aside.toString()),
                    new UndoStep.Obsolete(aside.toString()));
            files.rename(previous, aside);
        }
        if (files.exists(dir)) {
            context.record(new UndoStep.Renamed(dir.toString(), previous.toString()));
            files.rename(dir, previous);
        }
        context.record(new UndoStep.Renamed(fresh.toString(), dir.toString()));
        files.rename(fresh, dir);

        String version = action.runtimeVersion().map(v -> " (runtime " + v + ")").orElse("");
        if (wasRunning) {
            context.record(new UndoStep.Runtime(RuntimeState.STOPPED));
            try {
                context.runtime().start();
            } catch (RuntimeControlException e) {
                throw new ActionFailedException("the new runtime" + version + " did not start healthy: " + e.getMessage(), e);
            }
            return ActionResult.of("installed " + entries.size() + " entries in " + dir + version
                    + "; runtime restarted and healthy");
        }
        return ActionResult.of("installed " + entries.size() + " entries in " + dir + version
                + "; the runtime was not running and was left stopped");
    }

    private static boolean isRunning(ActionContext context) throws ActionFailedException {
        try {
            return context.runtime().isRunning();
        } catch (IOException e) {
            throw new ActionFailedException("cannot ask the runtime for its status: " + e.getMessage(), e);
        }
    }
}
