package org.suptools.portal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirTest {

    @TempDir
    Path dir;

    @Test
    void locked_nestedInTheSameThreadRunsInsteadOfDeadlocking() {
        DataDir data = new DataDir(dir);

        assertThat(data.locked(() -> data.locked(() -> "inner"))).isEqualTo("inner");
    }

    @Test
    void locked_changesFromManyThreadsAndStoresOnOneDirectoryAreNeverLost() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> all = IntStream.range(0, 40).<Future<?>>mapToObj(i -> pool.submit(() -> {
                // A store of its own each time, as each process opens one.
                DataDir data = new DataDir(dir);
                data.locked(() -> {
                    int count = data.read(dir.resolve("count.json"), Integer.class).orElse(0);
                    data.write(dir.resolve("count.json"), count + 1);
                });
            })).toList();
            for (Future<?> future : all) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(new DataDir(dir).read(dir.resolve("count.json"), Integer.class)).contains(40);
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder(".lock", "count.json");
        }
    }
}
