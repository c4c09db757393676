package org.suptools.workbench.viewmodel;

import java.nio.file.Path;

/**
 * A path as the Workbench shows it to a person: under the user's home directory it starts with
 * {@code ~/}, as in a shell or a file manager, so titles and messages stay short and say where a
 * file is in the user's own terms; elsewhere it is shown whole. Nothing is shown for no path.
 */
public final class ShownPath {

    private ShownPath() {
    }

    /** Every absolute path under the user's home in a message (an installer's, say) shown with {@code ~/}. */
    public static String inText(String text) {
        Path home = home();
        if (text == null || home == null) {
            return text;
        }
        return text.replace(home + "/", "~/");
    }

    public static String of(Path path) {
        if (path == null) {
            return "";
        }
        Path absolute = path.toAbsolutePath().normalize();
        Path home = home();
        if (home != null && absolute.startsWith(home)) {
            Path relative = home.relativize(absolute);
            return relative.toString().isEmpty() ? "~" : "~/" + relative;
        }
        return absolute.toString();
    }

    /** The user's home directory, unless it is unknown or the file system's root. */
    private static Path home() {
        String home = System.getProperty("user.home");
        if (home == null || home.isBlank()) {
            return null;
        }
        Path dir = Path.of(home).toAbsolutePath().normalize();
        return dir.getNameCount() == 0 ? null : dir;
    }
}
