package org.suptools.installer.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.suptools.installer.fs.Durable;
import org.suptools.installer.fs.StateJson;

/** {@code <stateDir>/history.jsonl}: one JSON line per finished install, oldest first. */
public final class History {

    public static final String FILE_NAME = "history.jsonl";

    private History() {
    }

    public static void append(Path stateDir, HistoryEntry entry) throws IOException {
        Durable.appendLine(stateDir.resolve(FILE_NAME), StateJson.line(entry));
    }

    /** Every entry; a line cut short by a crash is skipped. */
    public static List<HistoryEntry> read(Path stateDir) throws IOException {
        Path file = stateDir.resolve(FILE_NAME);
        List<HistoryEntry> entries = new ArrayList<>();
        if (!Files.exists(file)) {
            return entries;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            try {
                entries.add(StateJson.mapper().readValue(line, HistoryEntry.class));
            } catch (IOException e) {
                // A torn last line after a power loss: the install's confirmation.json still tells.
            }
        }
        return entries;
    }
}
