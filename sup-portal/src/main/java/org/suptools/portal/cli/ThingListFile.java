package org.suptools.portal.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.suptools.portal.store.Thing;

/**
 * A fleet's things in a text file, one per line: {@code KEY APP_ID TOKEN}, separated by blanks, the
 * token being the rest of the line (so it may hold blanks). Blank lines and lines starting with
 * {@code #} are skipped. Tokens come from a file rather than the command line, where other users
 * could read them.
 */
final class ThingListFile {

    /** More lines than a test fleet needs, fewer than would let a wrong file fill the disk. */
    static final int MAX_THINGS = 100_000;

    private ThingListFile() {
    }

    /**
     * Reads and checks every line.
     *
     * @throws IllegalArgumentException naming the file, the line and the field of the first problem
     */
    static List<Thing> read(Path file) {
        List<Thing> things = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                Thing thing = parse(file, number, trimmed);
                if (!keys.add(thing.key())) {
                    throw located(file, number, "key: " + thing.key() + " is listed twice");
                }
                if (things.size() == MAX_THINGS) {
                    throw located(file, number, "more than " + MAX_THINGS + " things");
                }
                things.add(thing);
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        if (things.isEmpty()) {
            throw new IllegalArgumentException(file + ": no things in it (one per line: KEY APP_ID TOKEN)");
        }
        return things;
    }

    private static Thing parse(Path file, int number, String line) {
        String[] fields = line.split("\\s+", 3);
        if (fields.length < 3) {
            throw located(file, number, "expected KEY APP_ID TOKEN, found " + fields.length + " field(s)");
        }
        try {
            // The creation time is the store's to set; this only checks the values.
            return new Thing(fields[0], fields[2], fields[1], Instant.EPOCH);
        } catch (IllegalArgumentException e) {
            throw located(file, number, e.getMessage());
        }
    }

    private static IllegalArgumentException located(Path file, int number, String message) {
        return new IllegalArgumentException(file + ":" + number + ": " + message);
    }
}
