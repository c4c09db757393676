package org.suptools.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.agent.job.JobResult;
import org.suptools.agent.job.Stage;
import org.suptools.agent.job.UpdateJob;
import org.suptools.agent.store.AgentJson;
import org.suptools.agent.store.JobStore;
import org.suptools.agent.store.Outbox;
import org.suptools.tr50.MailboxAck;
import org.suptools.tr50.Tr50Request;
import picocli.CommandLine;

class AgentCommandTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void aBadConfig_isAUsageErrorWithOneLinePerProblem() throws Exception {
        Path config = Files.writeString(dir.resolve("agent.yaml"), "thingKey: gw-1\n");

        int exit = run("status", "--config", config.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines()).contains("sup-agent: agent.yaml: appId: is required",
                "sup-agent: agent.yaml: broker: is required");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void once_withACaFileMissingOrNotACertificate_isAUsageErrorNamingIt() throws Exception {
        Files.writeString(dir.resolve("gateway.yaml"), "runtimeHome: rt\n");
        Files.writeString(dir.resolve("notes.pem"), "-----BEGIN CERTIFICATE-----\nnot base64 at all\n"
                + "-----END CERTIFICATE-----\n");
        String agent = """
                thingKey: gw-1
                appId: app-gw-1
                appToken: t
                broker: ssl://localhost:8883
                fileEndpoint: https://localhost
                gatewayConfig: gateway.yaml
                caFile: %s
                """;
        Path missing = Files.writeString(dir.resolve("missing.yaml"), agent.formatted("nowhere.pem"));
        Path garbage = Files.writeString(dir.resolve("garbage.yaml"), agent.formatted("notes.pem"));

        int missingExit = run("once", "--config", missing.toString());
        int garbageExit = run("once", "--config", garbage.toString());

        assertThat(missingExit).isEqualTo(2);
        assertThat(garbageExit).isEqualTo(2);
        assertThat(err.toString().lines()).hasSize(2).satisfies(lines -> {
            assertThat(lines.get(0)).isEqualTo("sup-agent: missing.yaml: caFile: no such file: "
                    + dir.resolve("nowhere.pem"));
            assertThat(lines.get(1)).startsWith("sup-agent: garbage.yaml: caFile: " + dir.resolve("notes.pem")
                    + " is not a file of PEM CA certificates (");
        });
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void status_showsPendingWorkTheOutboxAndTheLastResult() throws Exception {
        Path config = config();
        JobStore jobs = new JobStore(dir.resolve("state/jobs"));
        jobs.save(UpdateJob.received("M1", "acme", Optional.empty(), AT).reporting(Stage.SUCCEEDED, JobResult.success(""), AT)
                .acked(AT));
        jobs.save(UpdateJob.received("M2", "acme", Optional.empty(), AT).at(Stage.DOWNLOADING, AT)
                .downloadStarted(AT));
        new Outbox(dir.resolve("state/outbox")).add("M3", Tr50Request.of(new MailboxAck("M3", 0, Optional.empty(),
                Optional.empty())), Optional.empty());

        int exit = run("status", "--config", config.toString());

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("state:       busy", "M2", "DOWNLOADING", "outbox:      1 waiting",
                "last result: M1 acme: success");
    }

    @Test
    void status_afterPruning_stillShowsTheLastResultAndCountsWhatWasPruned() throws Exception {
        Path config = config();
        JobStore jobs = new JobStore(dir.resolve("state/jobs"));
        for (int i = 0; i < JobStore.KEEP_FINISHED + 5; i++) {
            Instant at = AT.plusSeconds(i);
            jobs.save(UpdateJob.received("M" + i, "acme", Optional.empty(), at)
                    .reporting(Stage.EXECUTION_FAILED, JobResult.failure(-90110, "action " + i + " failed"), at)
                    .acked(at));
        }
        jobs.prune(JobStore.KEEP_FINISHED);

        int exit = run("status", "--config", config.toString());
        int jsonExit = run("status", "--config", config.toString(), "--json");

        assertThat(exit).isZero();
        assertThat(jsonExit).isZero();
        String text = out.toString();
        assertThat(text).contains("finished:    50 record(s) kept, 5 older one(s) pruned to their mailbox ids",
                "last result: M54 acme: failure -90110");
        JsonNode status = AgentJson.mapper().readTree(text.substring(text.indexOf('{')));
        assertThat(status.path("last").path("mailboxId").asText()).isEqualTo("M54");
        assertThat(status.path("pruned").asInt()).isEqualTo(5);
    }

    @Test
    void statusJson_isStableForScripts() throws Exception {
        Path config = config();

        int exit = run("status", "--config", config.toString(), "--json");

        JsonNode status = AgentJson.mapper().readTree(out.toString());
        assertThat(exit).isZero();
        assertThat(status.path("state").asText()).isEqualTo("idle");
        assertThat(status.path("pending")).isEmpty();
        assertThat(status.path("outbox").asInt()).isZero();
        assertThat(status.path("last").isNull()).isTrue();
    }

    private Path config() throws Exception {
        Files.writeString(dir.resolve("gateway.yaml"), "runtimeHome: rt\n");
        return Files.writeString(dir.resolve("agent.yaml"), """
                thingKey: gw-1
                appId: app-gw-1
                appToken: t
                broker: tcp://localhost:1883
                fileEndpoint: http://localhost:8080
                gatewayConfig: gateway.yaml
                stateDir: state
                """);
    }

    private int run(String... args) {
        CommandLine command = AgentMain.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }
}
