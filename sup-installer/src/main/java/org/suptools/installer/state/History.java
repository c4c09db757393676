package org.suptools.installer.state;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.suptools.installer.api.json.ContractJson;
import org.suptools.installer.fs.Durable;

/**
 * {@code <stateDir>/history.jsonl}: one JSON line per install, oldest first. An install has exactly
 * one line: when its end is written again (a recovery that finished it, reports written late), its
 * line is replaced.
 */
public final class History {

    public static final String FILE_NAME = "history.jsonl";

    private History() {
    }

    /** Appends the install's line, or replaces it when the install already has one. */
    public static void record(Path stateDir, HistoryEntry entry) throws IOException {
        Path file = stateDir.resolve(FILE_NAME);
        if (!contains(file, entry.installId()) && endsWithNewline(file)) {
            Durable.appendLine(file, ContractJson.line(entry));
            return;
        }
        // Rewritten line by line (the history may be long; the installer's heap is small), then renamed.
        Durable.replace(file, temp -> {
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                 BufferedWriter out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8,
                         StandardOpenOption.CREATE_NEW)) {
                boolean replaced = false;
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    String id = installIdOf(line);
                    if (id.isEmpty()) {
                        continue;
                    }
                    boolean same = entry.installId().equals(id);
                    out.write(same ? ContractJson.line(entry) : line);
                    out.newLine();
                    replaced |= same;
                }
                if (!replaced) {
                    out.write(ContractJson.line(entry));
                    out.newLine();
                }
            }
        });
    }

    /** True for a missing or empty file, or one whose last line is complete (a crash may have cut it). */
    private static boolean endsWithNewline(Path file) throws IOException {
        if (!Files.exists(file) || Files.size(file) == 0) {
            return true;
        }
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file)) {
            java.nio.ByteBuffer last = java.nio.ByteBuffer.allocate(1);
            channel.read(last, channel.size() - 1);
            return last.get(0) == '\n';
        }
    }

    private static boolean contains(Path file, String installId) throws IOException {
        if (!Files.exists(file)) {
            return false;
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (installId.equals(installIdOf(line))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The install id of a history line; empty for a line cut short by a crash. */
    private static String installIdOf(String line) {
        try {
            return ContractJson.mapper().readTree(line).path("installId").asText("");
        } catch (IOException e) {
            return "";
        }
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
                entries.add(ContractJson.mapper().readValue(line, HistoryEntry.class));
            } catch (IOException e) {
                // A torn last line after a power loss: the install's confirmation.json still tells.
            }
        }
        return entries;
    }
}
