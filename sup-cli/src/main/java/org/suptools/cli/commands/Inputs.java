package org.suptools.cli.commands;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/** Checks on the paths commands read, made before the work so a missing input is an I/O error (exit 5). */
final class Inputs {

    private Inputs() {
    }

    static Path existing(Path path) throws NoSuchFileException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such file or directory");
        }
        return path;
    }

    /** A package rather than a spec: a file named {@code *.sup}. */
    static boolean isPackage(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".sup") && !Files.isDirectory(path);
    }
}
