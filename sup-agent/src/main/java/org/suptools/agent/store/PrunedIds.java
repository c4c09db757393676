package org.suptools.agent.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The mailbox messages whose finished records were pruned, by the name their record had: one line
 * each, {@code <finishedAt> <key>}, oldest first. A record can go, but its message must still never
 * run again, so its name stays here, a few dozen bytes instead of a record, up to a bound far past
 * any redelivery a portal makes (the oldest names leave first).
 */
final class PrunedIds {

    private final Path file;
    private final int capacity;
    private Map<String, Instant> keys;

    PrunedIds(Path file, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: must be at least 1, was " + capacity);
        }
        this.file = file;
        this.capacity = capacity;
    }

    synchronized boolean contains(String key) throws IOException {
        return loaded().containsKey(key);
    }

    /** Adds the names, dropping the oldest beyond the capacity, and writes the list durably. */
    synchronized void addAll(Map<String, Instant> finished) throws IOException {
        Map<String, Instant> all = new LinkedHashMap<>(loaded());
        finished.entrySet().stream().sorted(Map.Entry.comparingByValue())
                .forEach(entry -> all.put(entry.getKey(), entry.getValue()));
        for (Iterator<String> oldest = all.keySet().iterator(); all.size() > capacity;) {
            oldest.next();
            oldest.remove();
        }
        StringBuilder text = new StringBuilder();
        all.forEach((key, at) -> text.append(at).append(' ').append(key).append('\n'));
        Durable.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
        keys = all;
    }

    synchronized int size() throws IOException {
        return loaded().size();
    }

    private Map<String, Instant> loaded() throws IOException {
        if (keys == null) {
            Map<String, Instant> read = new LinkedHashMap<>();
            if (Files.isRegularFile(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    int space = line.indexOf(' ');
                    if (space < 0) {
                        continue;
                    }
                    try {
                        read.put(line.substring(space + 1), Instant.parse(line.substring(0, space)));
                    } catch (DateTimeParseException e) {
                        // A torn line cannot happen (the file is replaced atomically); a hand-edited one
                        // still names its message.
                        read.put(line.substring(space + 1), Instant.EPOCH);
                    }
                }
            }
            keys = read;
        }
        return keys;
    }
}
