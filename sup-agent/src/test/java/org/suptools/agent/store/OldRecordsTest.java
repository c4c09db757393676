package org.suptools.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.agent.job.Stage;
import org.suptools.agent.job.UpdateJob;

class OldRecordsTest {

    @TempDir
    Path dir;

    @Test
    void recordsOfAnAgentBeforeTheStagedStates_loadInTodaysStates() throws Exception {
        write("M1", "RECEIVED", "\"acme\"", "null");
        write("M2", "DOWNLOADED", "\"acme\"", "null");
        write("M3", "INSTALLING", "\"acme\"", "null");
        write("M4", "REPORTING", "\"acme\"", "{\"succeeded\":false,\"errorCode\":-90202,\"errorMessage\":\"bad crc\"}");
        write("M5", "DONE", "\"acme\"", "{\"succeeded\":true,\"errorCode\":0,\"errorMessage\":\"\"}");
        write("M6", "DONE", "\"acme\"", "{\"succeeded\":false,\"errorCode\":-90110,\"errorMessage\":\"action\"}");
        write("M7", "DONE", "null", "{\"succeeded\":false,\"errorCode\":18,\"errorMessage\":\"not supported\"}");
        JobStore jobs = new JobStore(dir);

        assertThat(jobs.all()).extracting(job -> job.mailboxId() + " " + job.stage() + " " + job.acked())
                .containsExactly("M1 INSTANTIATED false", "M2 DOWNLOAD_COMPLETE false", "M3 EXECUTING false",
                        "M4 DOWNLOAD_FAILED false", "M5 SUCCEEDED true", "M6 EXECUTION_FAILED true",
                        "M7 ANSWERED true");
        assertThat(jobs.unfinished()).extracting(UpdateJob::mailboxId).containsExactly("M1", "M2", "M3", "M4");
        assertThat(jobs.find("M1").orElseThrow().download().needsApproval()).as("old jobs were automatic").isFalse();
        assertThat(jobs.known("M7")).isTrue();
        assertThat(jobs.find("M4").orElseThrow().stage()).isEqualTo(Stage.DOWNLOAD_FAILED);
    }

    private void write(String id, String stage, String packageName, String result) throws Exception {
        Files.createDirectories(dir);
        // The fields an agent before the staged states wrote, and nothing else.
        Files.writeString(dir.resolve(id + ".json"), """
                {
                  "mailboxId" : "%s",
                  "packageName" : %s,
                  "campaignId" : null,
                  "stage" : "%s",
                  "expectedSize" : 11,
                  "expectedCrc32" : 1234,
                  "downloadedBytes" : 11,
                  "partTag" : null,
                  "downloadAttempts" : 1,
                  "installAttempts" : 1,
                  "receivedAt" : "2026-12-01T10:00:0%sZ",
                  "updatedAt" : "2026-12-01T10:00:09Z",
                  "result" : %s
                }
                """.formatted(id, packageName, stage, id.substring(1), result));
    }
}
