package org.suptools.model.manifest;

import java.util.regex.Pattern;
import org.suptools.model.problem.ShownText;

/** The rule for package names: they become file names and log text, so they stay plain. */
public final class PackageName {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

    private PackageName() {
    }

    public static String check(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name: is required");
        }
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: " + ShownText.quoted(name)
                    + " must be 1 to 100 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return name;
    }
}
