package org.suptools.cli.commands;

import java.nio.file.Path;
import java.util.Locale;

/** A package name made from a directory name, following the package name rule. */
final class ProjectName {

    static final String FALLBACK = "my-package";

    private ProjectName() {
    }

    static String of(Path dir) {
        Path fileName = dir.toAbsolutePath().normalize().getFileName();
        if (fileName == null) {
            return FALLBACK;
        }
        String name = fileName.toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-")
                .replaceAll("^[^a-z0-9]+", "");
        if (name.length() > 100) {
            name = name.substring(0, 100);
        }
        return name.isEmpty() ? FALLBACK : name;
    }
}
