package org.suptools.model.problem;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Why a file could not be used, put for people: {@code is a directory, not a file},
 * {@code permission denied}, never the JDK's exception text. A link is called a link, with what
 * it leads to, so that a message never calls a link a file.
 */
public final class FileReasons {

    private FileReasons() {
    }

    /** What is at {@code path}, not following a link: "a link to a directory", "a file", "nothing". */
    public static String kind(Path path) {
        if (Files.isSymbolicLink(path)) {
            if (!Files.exists(path)) {
                return "a link that leads nowhere";
            }
            return "a link to " + kindFollowing(path);
        }
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return "nothing";
        }
        return kindFollowing(path);
    }

    /** What is at {@code path} as a phrase after its name: "does not exist", "is a link to a file". */
    public static String whatItIs(Path path) {
        String kind = kind(path);
        return kind.equals("nothing") ? "does not exist" : "is " + kind;
    }

    private static String kindFollowing(Path path) {
        if (Files.isDirectory(path)) {
            return "a directory";
        }
        if (Files.isRegularFile(path)) {
            return "a file";
        }
        return "a special file (a device, pipe or socket)";
    }

    /**
     * A file system error as one line naming its path: {@code /proc/rt-state: permission denied}
     * (the JDK's message of some of them is the bare path).
     */
    public static String describe(FileSystemException e) {
        String reason = e.getReason() != null ? e.getReason().toLowerCase(Locale.ROOT)
                : e instanceof NoSuchFileException ? "no such file or directory"
                : e instanceof AccessDeniedException ? "permission denied"
                : e instanceof java.nio.file.FileAlreadyExistsException ? "exists already"
                : e instanceof java.nio.file.DirectoryNotEmptyException ? "directory not empty"
                : e instanceof NotDirectoryException ? "not a directory"
                : "cannot be used";
        String other = e.getOtherFile() == null ? "" : " (and " + e.getOtherFile() + ")";
        return e.getFile() + other + ": " + reason;
    }

    /**
     * An unexpected failure as one line for people: a file error names its path and reason, any
     * other gives its message on one line, or {@code whenSilent} when it has none; never a class name.
     */
    public static String oneLine(Exception failure, String whenSilent) {
        if (failure instanceof FileSystemException files && files.getFile() != null) {
            return describe(files);
        }
        if (failure.getMessage() == null || failure.getMessage().isBlank()) {
            return whenSilent;
        }
        return failure.getMessage().replaceAll("\\s*\\R\\s*", " ");
    }

    /**
     * Why reading {@code path} failed, as a phrase that follows the file's name: "no such file",
     * "is a directory, not a file", "permission denied". The path is looked at again to say
     * what it is when the exception does not.
     */
    public static String whyUnreadable(Path path, IOException e) {
        if (e instanceof NoSuchFileException) {
            return Files.isSymbolicLink(path) ? "is a link that leads nowhere" : "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied (this user cannot read it)";
        }
        if (e instanceof NotDirectoryException) {
            return "a part of the path is not a directory";
        }
        if (Files.isDirectory(path)) {
            return "is " + kind(path) + ", not a file";
        }
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            return "is " + kind(path) + ", not a file";
        }
        String reason = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : e.getMessage();
        if (reason == null || reason.isBlank()) {
            return "cannot be read";
        }
        String text = reason.replaceAll("\\s*\\R\\s*", " ").strip();
        int colon = text.lastIndexOf(": ");
        if (text.startsWith("java.") && colon > 0) {
            text = text.substring(colon + 2);
        }
        return "cannot be read: " + text.toLowerCase(Locale.ROOT);
    }
}
