package org.suptools.workbench.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a report the installer left (confirmation.json, the audit log) for showing: a file that is
 * not there reads as empty, one that cannot be read as a line that says why, never an exception.
 */
public final class TextFiles {

    private TextFiles() {
    }

    /** The lines of a text file, none when it does not exist. */
    public static List<String> lines(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            return List.of(cannotRead(file, e));
        }
    }

    /** The text of a file, empty when it does not exist. */
    public static String text(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return cannotRead(file, e);
        }
    }

    private static String cannotRead(Path file, IOException e) {
        return "(cannot read " + file + ": " + e.getMessage() + ")";
    }
}
