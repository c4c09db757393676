package org.suptools.installer.exec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.suptools.model.action.Verify;

/** {@code verify}: checks that a file exists, that it has a SHA-256, or that a command exits 0. Changes nothing. */
final class VerifyExecutor implements ActionExecutor {

    private final Verify action;

    VerifyExecutor(Verify action) {
        this.action = action;
    }

    @Override
    public ActionResult apply(ActionContext context) throws ActionFailedException, IOException {
        return switch (action.check()) {
            case FILE_EXISTS -> {
                Path path = context.path("path");
                if (!Files.exists(path)) {
                    throw new ActionFailedException(path + " does not exist");
                }
                yield ActionResult.of(path + " exists");
            }
            case FILE_HASH -> {
                Path path = context.path("path");
                if (!Files.isRegularFile(path)) {
                    throw new ActionFailedException(path + " is not a regular file");
                }
                String actual = sha256(path, context);
                String expected = action.sha256().orElseThrow();
                if (!actual.equals(expected)) {
                    throw new ActionFailedException(path + " has SHA-256 " + actual + ", expected " + expected);
                }
                yield ActionResult.of(path + " has the expected SHA-256");
            }
            case COMMAND -> Commands.runUnjournalled(context, action.command(), context.runtimeHome(), Map.of(),
                    List.of(0));
        };
    }

    private static String sha256(Path file, ActionContext context) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
                context.deadline().check();
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
