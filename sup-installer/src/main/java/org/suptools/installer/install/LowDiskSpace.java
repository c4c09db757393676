package org.suptools.installer.install;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.suptools.installer.fs.Trees;

/**
 * Says what to free when something failed for want of space: the file systems of the gateway's
 * directories that have less usable space than the config's {@code minFreeSpace}. Used when the
 * runtime does not start after a rollback, where the runtime's own message rarely says "disk full".
 */
final class LowDiskSpace {

    /** The usable bytes on the file system holding a path; a seam for tests. */
    @FunctionalInterface
    interface UsableSpace {
        long of(Path path) throws IOException;
    }

    /** The file system's usable space, asked of the nearest existing ancestor. */
    static final UsableSpace FILE_SYSTEM = path -> Trees.fileStoreOf(path).getUsableSpace();

    private final Map<String, Path> places;
    private final Path logsDir;
    private final long reserve;
    private final UsableSpace usable;

    /**
     * @param places  the directories to look at, by what they are ({@code runtime home}, ...)
     * @param logsDir named as a place where old files can usually go
     * @param reserve the space that should stay free ({@code minFreeSpace})
     */
    LowDiskSpace(Map<String, Path> places, Path logsDir, long reserve, UsableSpace usable) {
        this.places = new LinkedHashMap<>(places);
        this.logsDir = logsDir;
        this.reserve = reserve;
        this.usable = usable;
    }

    /** One sentence naming each file system short of space (by the first place on it) and what to free; empty when none is. */
    Optional<String> advice() {
        List<String> low = new ArrayList<>();
        List<FileStore> seen = new ArrayList<>();
        for (Map.Entry<String, Path> place : places.entrySet()) {
            try {
                FileStore store = Trees.fileStoreOf(place.getValue());
                if (seen.contains(store)) {
                    continue;
                }
                seen.add(store);
                long free = usable.of(place.getValue());
                if (free < reserve) {
                    low.add("the file system of the " + place.getKey() + " " + place.getValue() + " has "
                            + bytes(free) + " free");
                }
            } catch (IOException e) {
                // A place that cannot be asked says nothing about space.
            }
        }
        if (low.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.join("; ", low) + ": free at least " + bytes(reserve) + " there (old files in "
                + logsDir + ", for example; keep the installer's state directory, the rollback needs it)");
    }


    /** {@code 512 bytes}, {@code 12 KiB}, {@code 64 MiB}. */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " bytes";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = n;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return (value == Math.floor(value) ? Long.toString((long) value) : String.format(java.util.Locale.ROOT, "%.1f", value)) + " "
                + units[unit];
    }
}
