package org.suptools.installer.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.installer.api.ActionStatus;
import org.suptools.installer.api.InstallStatus;
import org.suptools.installer.api.json.ContractJson;

/**
 * Journals written by the installer before its statuses were enums (when {@code done} and
 * {@code finished} carried plain strings and the runtime state was a string constant) are read
 * by today's installer, and today's installer writes the very same bytes for the same records:
 * an update that lands while an install is in progress still recovers it.
 */
class JournalFormatCompatibilityTest {

    @TempDir
    Path stateDir;

    @Test
    void read_aRolledBackJournalOfTheStringEra_givesEveryActionItsStatus() throws IOException {
        Path file = fixture("rolled-back-before-enums.jsonl", stateDir.resolve(Journal.LAST));

        JournalState state = JournalState.of(Journal.read(file));

        assertThat(state.statusOf(1)).isEqualTo(ActionStatus.ROLLED_BACK);
        assertThat(state.statusOf(2)).isEqualTo(ActionStatus.SKIPPED);
        assertThat(state.statusOf(3)).as("a failed action that was undone stays failed").isEqualTo(ActionStatus.FAILED);
        assertThat(state.endedAs(3, ActionStatus.FAILED)).isTrue();
        assertThat(state.stepsOf(1)).containsExactly(new UndoStep.Runtime(RuntimeState.RUNNING));
        assertThat(Journal.read(file)).last().isEqualTo(
                new JournalRecord.Finished(InstallStatus.ROLLED_BACK, Instant.parse("2026-12-03T10:00:08Z")));
    }

    @Test
    void write_sameRecords_giveTheBytesTheStringEraWrote() throws IOException {
        for (String name : List.of("rolled-back-before-enums.jsonl", "killed-before-enums.jsonl")) {
            Path file = fixture(name, stateDir.resolve(name));
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);

            List<String> rewritten = Journal.read(file).stream().map(ContractJson::line).toList();

            assertThat(rewritten).as(name).isEqualTo(lines);
        }
    }

    @Test
    void resume_aJournalTheStringEraLeftInProgress_goesOnFromWhereItStopped() throws IOException {
        fixture("killed-before-enums.jsonl", stateDir.resolve(Journal.CURRENT));

        try (Journal journal = Journal.resume(stateDir)) {
            JournalState state = journal.state();
            assertThat(state.statusOf(1)).isEqualTo(ActionStatus.SUCCEEDED);
            assertThat(state.statusOf(2)).isEqualTo(ActionStatus.IN_PROGRESS);
            assertThat(state.statusOf(3)).isEqualTo(ActionStatus.NOT_RUN);
            assertThat(state.stepsOf(1)).containsExactly(new UndoStep.Runtime(RuntimeState.STOPPED));

            journal.append(new JournalRecord.ActionDone(2, ActionStatus.FAILED, Instant.parse("2026-12-03T11:00:04Z"),
                    Optional.of("killed")));
        }

        assertThat(Files.readAllLines(stateDir.resolve(Journal.CURRENT))).last().isEqualTo(
                "{\"record\":\"done\",\"index\":2,\"status\":\"failed\",\"at\":\"2026-12-03T11:00:04Z\",\"message\":\"killed\"}");
    }

    @Test
    void read_aRuntimeStateTheJournalDoesNotKnow_isRefusedNamingTheLine() throws IOException {
        Path file = stateDir.resolve("unknown-state.jsonl");
        Files.writeString(file, "{\"record\":\"runtime-restored\",\"state\":\"paused\",\"at\":\"2026-12-03T10:00:00Z\"}\n"
                + "{\"record\":\"finished\",\"status\":\"rolled-back\",\"at\":\"2026-12-03T10:00:01Z\"}\n");

        assertThatThrownBy(() -> Journal.read(file)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(file + ": line 1 is not a journal record");
    }

    private static Path fixture(String name, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        try (InputStream in = JournalFormatCompatibilityTest.class.getResourceAsStream("/journal/" + name)) {
            Files.write(to, in.readAllBytes());
        }
        return to;
    }
}
