package org.suptools.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrunedIdsTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void theNewestIdsAreKeptUpToTheBound_andSurviveARestart() throws Exception {
        Path file = dir.resolve("pruned-ids.txt");
        PrunedIds ids = new PrunedIds(file, 3);

        ids.addAll(Map.of("a", AT, "b", AT.plusSeconds(1)));
        ids.addAll(Map.of("d", AT.plusSeconds(3), "c", AT.plusSeconds(2), "e", AT.plusSeconds(4)));

        PrunedIds reread = new PrunedIds(file, 3);
        assertThat(reread.size()).isEqualTo(3);
        assertThat(reread.contains("a")).isFalse();
        assertThat(reread.contains("b")).isFalse();
        assertThat(reread.contains("c")).isTrue();
        assertThat(reread.contains("e")).isTrue();
        assertThat(Files.readAllLines(file)).containsExactly(AT.plusSeconds(2) + " c", AT.plusSeconds(3) + " d",
                AT.plusSeconds(4) + " e");
    }

    @Test
    void noFileYet_knowsNothing() throws Exception {
        assertThat(new PrunedIds(dir.resolve("none.txt"), 5).contains("a")).isFalse();
    }
}
