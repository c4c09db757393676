package org.suptools.installer.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.suptools.model.action.PropertiesSet;

/**
 * {@code properties.set}: keys set and removed in a Java properties file, comments and order kept
 * ({@link PropertiesFile}); the new file replaces the old one atomically. Undo restores the file.
 */
final class PropertiesSetExecutor implements ActionExecutor {

    /** A properties file is configuration; anything bigger is not one. */
    private static final int MAX_BYTES = 16 << 20;

    private final PropertiesSet action;

    PropertiesSetExecutor(PropertiesSet action) {
        this.action = action;
    }

    @Override
    public ActionResult apply(ActionContext context) throws ActionFailedException, IOException {
        Path file = context.path("file");
        GatewayFiles files = context.files();
        byte[] before;
        if (files.exists(file)) {
            // Read where a link at the end leads, once it is known to lead inside: never an outside file.
            Path real = files.target(file);
            if (!Files.isRegularFile(real)) {
                throw new ActionFailedException(file + " is not a regular file");
            }
            if (Files.size(real) > MAX_BYTES) {
                throw new ActionFailedException(file + " is larger than " + MAX_BYTES + " bytes; not a properties file");
            }
            before = Files.readAllBytes(real);
        } else if (action.create()) {
            before = null;
        } else {
            throw new ActionFailedException(file + " does not exist (set create to make it)");
        }
        PropertiesFile properties = before == null ? PropertiesFile.empty() : PropertiesFile.parse(before);
        action.set().forEach(properties::set);
        int removed = 0;
        for (String key : action.remove()) {
            removed += properties.remove(key) ? 1 : 0;
        }
        byte[] after = properties.toBytes();
        String summary = action.set().size() + " set, " + removed + " removed";
        if (before != null && Arrays.equals(before, after)) {
            return ActionResult.of(file + " already up to date (" + summary + ")");
        }
        FilePlacer.place(context, file, Optional.empty(), temp -> files.writeNew(temp, after));
        return ActionResult.of((before == null ? "created " : "updated ") + file + " (" + summary + ")");
    }
}
