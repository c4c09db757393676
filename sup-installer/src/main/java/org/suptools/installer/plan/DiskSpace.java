package org.suptools.installer.plan;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.suptools.installer.fs.Trees;

/**
 * Adds up the bytes an install will write, per file system, and compares them with the usable
 * space there, keeping a configured reserve free.
 */
final class DiskSpace {

    private final Map<FileStore, Long> needed = new LinkedHashMap<>();
    private final Map<FileStore, Path> examples = new LinkedHashMap<>();

    /** Counts {@code bytes} to be written at {@code path} (or below it), which need not exist yet. */
    void add(Path path, long bytes) throws IOException {
        if (bytes <= 0) {
            return;
        }
        FileStore store = Trees.fileStoreOf(path);
        needed.merge(store, bytes, Long::sum);
        examples.putIfAbsent(store, path);
    }

    /** The bytes usable at {@code path} (or its nearest existing ancestor). */
    static long usable(Path path) throws IOException {
        return Trees.fileStoreOf(path).getUsableSpace();
    }

    /** True when {@code a} and {@code b} (or their nearest existing ancestors) are on the same file system. */
    static boolean sameStore(Path a, Path b) throws IOException {
        return Trees.fileStoreOf(a).equals(Trees.fileStoreOf(b));
    }

    /** The problems, one per file system that lacks space; none when everything fits. */
    List<String> check(long reserve) throws IOException {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<FileStore, Long> entry : needed.entrySet()) {
            long usable = entry.getKey().getUsableSpace();
            long required = entry.getValue() + reserve;
            if (usable < required) {
                problems.add("not enough free space for " + examples.get(entry.getKey()) + ": needs " + required
                        + " bytes (" + entry.getValue() + " to write and " + reserve + " to keep free), "
                        + usable + " available");
            }
        }
        return problems;
    }

    Map<String, Long> required() {
        Map<String, Long> byStore = new LinkedHashMap<>();
        needed.forEach((store, bytes) -> byStore.put(examples.get(store).toString(), bytes));
        return byStore;
    }

}
