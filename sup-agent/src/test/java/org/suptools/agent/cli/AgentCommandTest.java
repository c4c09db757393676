package org.suptools.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.agent.config.BackendSettings;
import org.suptools.agent.config.CheckPolicy;
import org.suptools.agent.job.JobResult;
import org.suptools.agent.job.Stage;
import org.suptools.agent.job.UpdateJob;
import org.suptools.agent.manage.RunEnd;
import org.suptools.agent.manage.RunInfo;
import org.suptools.agent.ota.BackendLoop;
import org.suptools.agent.ota.OtaJob;
import org.suptools.agent.ota.OtaStore;
import org.suptools.agent.store.AgentJson;
import org.suptools.agent.store.JobStore;
import org.suptools.agent.store.Outbox;
import org.suptools.agent.update.CheckTimer;
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
    void status_showsTheLastManualRunsOfTheManagementEndpoint_newestFirst_textAndJson() throws Exception {
        Path config = config();
        Path runs = dir.resolve("state/manage/runs");
        manualRun(runs, new RunInfo("00000000000000a1", "acme-config.sup", 5000, false, "10.0.0.5", AT),
                Optional.of(new RunEnd(0, "install-1", "", "", List.of(), AT.plusSeconds(40))));
        manualRun(runs, new RunInfo("00000000000000a2", "acme-runtime.sup", 7000, true, "10.0.0.5",
                AT.plusSeconds(60)), Optional.of(new RunEnd(20, "", "verifying\nsup-installer: untrusted signer", "",
                List.of(), AT.plusSeconds(65))));
        manualRun(runs, new RunInfo("00000000000000a3", "acme-tools.sup", 9000, false, "10.0.0.6",
                AT.plusSeconds(120)), Optional.empty());
        Files.createDirectories(runs.resolve("00000000000000a4")); // an upload still coming: no run yet

        int exit = run("status", "--config", config.toString());
        String text = out.toString();
        out.getBuffer().setLength(0);
        int jsonExit = run("status", "--config", config.toString(), "--json");

        assertThat(exit).isZero();
        assertThat(jsonExit).isZero();
        List<String> lines = text.lines().filter(line -> line.startsWith("  00000000000000a")).toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).contains("00000000000000a3", "2026-12-01T10:02:00Z", "acme-tools.sup", "apply",
                "no end recorded (running, or cut by a stop of the agent)");
        assertThat(lines.get(1)).contains("00000000000000a2", "acme-runtime.sup", "dry run",
                "failed (exit 20): sup-installer: untrusted signer");
        assertThat(lines.get(2)).contains("00000000000000a1", "acme-config.sup", "apply", "succeeded (exit 0)");
        JsonNode status = AgentJson.mapper().readTree(out.toString());
        assertThat(status.path("manualRuns")).extracting(run -> run.path("id").asText())
                .containsExactly("00000000000000a3", "00000000000000a2", "00000000000000a1");
        JsonNode failed = status.path("manualRuns").get(1);
        assertThat(failed.path("mode").asText()).isEqualTo("dryRun");
        assertThat(failed.path("result").asText()).isEqualTo("failed");
        assertThat(failed.path("exitCode").asInt()).isEqualTo(20);
        assertThat(failed.path("fileName").asText()).isEqualTo("acme-runtime.sup");
        assertThat(failed.path("startedAt").asText()).isEqualTo("2026-12-01T10:01:00Z");
        assertThat(status.path("manualRuns").get(0).path("result").asText()).isEqualTo("no end");
        assertThat(status.path("manualRuns").get(2).path("mode").asText()).isEqualTo("apply");
    }

    @Test
    void status_withoutManualRuns_saysNone() throws Exception {
        int exit = run("status", "--config", config().toString());

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("manual runs: none");
    }

    @Test
    void status_withTheHttpBackend_showsItsVersionChecksUpgradePendingNotifyAndSettings_textAndJson() throws Exception {
        Files.writeString(dir.resolve("gateway.yaml"), "runtimeHome: rt\n");
        Path config = Files.writeString(dir.resolve("agent.yaml"), """
                backend: {type: http, versionUrl: "http://p/v", packageUrl: "http://p/@", notifyUrl: "http://p/n/@",
                          deviceId: gw-7, checkPeriod: 10min}
                gatewayConfig: gateway.yaml
                stateDir: state
                """);
        Path state = dir.resolve("state");
        new CheckTimer(BackendLoop.timerFile(state), CheckPolicy.OFF, Duration.ofMinutes(10), Duration.ZERO,
                new java.util.Random(1)).checked(AT);
        OtaStore store = new OtaStore(state);
        store.finish(new OtaJob("ota-1.0.0-1", Optional.of("1.0.0"), OptionalLong.empty(), Optional.empty(),
                Stage.SUCCEEDED, 10, Optional.empty(), 1, 1, Optional.of(JobResult.success("")), true, AT, AT));
        store.save(new OtaJob("ota-1.1.0-2", Optional.of("1.1.0"), OptionalLong.empty(), Optional.empty(),
                Stage.EXECUTION_FAILED, 20, Optional.empty(), 1, 1,
                Optional.of(JobResult.failure(19, "action 2 failed")), false, AT, AT.plusSeconds(30)));
        Files.write(BackendSettings.file(state), BackendSettings.bytes(Map.of("installTimeout", "2h")));

        int exit = run("status", "--config", config.toString());
        String text = out.toString();
        out.getBuffer().setLength(0);
        int jsonExit = run("status", "--config", config.toString(), "--json");

        assertThat(exit).isZero();
        assertThat(jsonExit).isZero();
        assertThat(text).contains("device id:      gw-7", "state:          busy",
                "version check:  last 2026-12-01T10:00:00Z, next due 2026-12-01T10:10:00Z; every 10min plus up to 1min",
                "upgrade:        ota-1.1.0-2 1.1.0 EXECUTION_FAILED",
                "pending notify: '901 Failure: 19 action 2 failed' waits to be posted to http://p/n/gw-7",
                "last upgrade:   ota-1.0.0-1 1.0.0: success", "  installTimeout = 2h");
        JsonNode status = AgentJson.mapper().readTree(out.toString());
        assertThat(status.path("backend").asText()).isEqualTo("http");
        assertThat(status.path("lastVersionCheck").asText()).isEqualTo("2026-12-01T10:00:00Z");
        assertThat(status.path("nextVersionCheck").asText()).isEqualTo("2026-12-01T10:10:00Z");
        assertThat(status.path("pendingNotify").path("result").asText()).isEqualTo("901 Failure: 19 action 2 failed");
        assertThat(status.path("upgrade").path("stage").asText()).isEqualTo("EXECUTION_FAILED");
        assertThat(status.path("last").path("id").asText()).isEqualTo("ota-1.0.0-1");
        assertThat(status.path("settings").path("installTimeout").asText()).isEqualTo("2h");
    }

    private static void manualRun(Path runs, RunInfo info, Optional<RunEnd> end) throws Exception {
        Path runDir = Files.createDirectories(runs.resolve(info.id()));
        Files.write(runDir.resolve("run.json"), AgentJson.bytes(info));
        if (end.isPresent()) {
            Files.write(runDir.resolve("end.json"), AgentJson.bytes(end.get()));
        }
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

    @Test
    void schedule_withNoAgentRunning_givesTheApprovalAtOnce_andStatusShowsTheScheduledWindow() throws Exception {
        Path config = config();
        waitingForDownloadApproval("M1", "C1");
        long start = System.currentTimeMillis() + 3_600_000;
        long end = start + 3_600_000;

        int exit = run("schedule", "--config", config.toString(), "--type=download", "--campaign-id=C1",
                "--start-time=" + start, "--end-time=" + end);
        int statusExit = run("status", "--config", config.toString());
        int jsonExit = run("status", "--config", config.toString(), "--json");

        assertThat(exit).isZero();
        assertThat(statusExit).isZero();
        assertThat(jsonExit).isZero();
        String text = out.toString();
        assertThat(text).contains("download of campaign C1 (mailbox message M1) approved from "
                + Instant.ofEpochMilli(start) + " until " + Instant.ofEpochMilli(end) + "; the job is SCHEDULED_DOWNLOAD");
        assertThat(text).contains("SCHEDULED_DOWNLOAD", "campaign C1, download approved from "
                + Instant.ofEpochMilli(start));
        JsonNode status = AgentJson.mapper().readTree(text.substring(text.indexOf('{')));
        JsonNode job = status.path("pending").get(0);
        assertThat(job.path("stage").asText()).isEqualTo("SCHEDULED_DOWNLOAD");
        assertThat(job.path("download").path("approval").path("startTime").asLong()).isEqualTo(start);
        assertThat(status.path("approvalsWaiting").asInt()).isZero();
        Outbox outbox = new Outbox(dir.resolve("state/outbox"));
        assertThat(outbox.pending()).as("the new state waits in the outbox for the agent to publish it")
                .singleElement().satisfies(entry -> assertThat(Tr50CodecText.of(entry.request()))
                        .contains("sup.update.state", "SCHEDULED_DOWNLOAD"));
    }

    @Test
    void schedule_whileAnAgentHoldsTheStateDirectory_handsTheApprovalToIt() throws Exception {
        Path config = config();
        waitingForDownloadApproval("M1", "C1");

        int exit;
        try (var held = org.suptools.agent.store.StateLock.acquire(dir.resolve("state"))) {
            exit = run("schedule", "--config", config.toString(), "--type=download", "--campaign-id=C1");
        }

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("handed to the running agent: download of campaign C1 approved now");
        assertThat(new JobStore(dir.resolve("state/jobs")).find("M1").orElseThrow().stage())
                .as("the running agent gives it, not the command").isEqualTo(Stage.WAITING_FOR_DOWNLOAD_APPROVAL);
        assertThat(new org.suptools.agent.store.ApprovalInbox(dir.resolve("state/approvals"))
                .pending(new java.util.ArrayList<>())).singleElement()
                .satisfies(entry -> assertThat(entry.request().campaignId()).isEqualTo("C1"));
    }

    @Test
    void schedule_refusesWhatCannotBeApproved_withExit3_andBadTimesWithExit2() throws Exception {
        Path config = config();
        waitingForDownloadApproval("M1", "C1");

        int unknown = run("schedule", "--config", config.toString(), "--type=download", "--campaign-id=C9");
        int automatic = run("schedule", "--config", config.toString(), "--type=execution", "--campaign-id=C1");
        int activation = run("schedule", "--config", config.toString(), "--type=activation", "--campaign-id=C1");
        int badType = run("schedule", "--config", config.toString(), "--type=reboot", "--campaign-id=C1");
        int backwards = run("schedule", "--config", config.toString(), "--type=download", "--campaign-id=C1",
                "--start-time=2000", "--end-time=1000");

        assertThat(unknown).isEqualTo(3);
        assertThat(automatic).isEqualTo(3);
        assertThat(activation).isEqualTo(3);
        assertThat(badType).isEqualTo(2);
        assertThat(backwards).isEqualTo(2);
        assertThat(err.toString()).contains("sup-agent: refused: no unfinished update of campaign C9 in",
                "needs no approval: it is automatic", "activation cannot be scheduled",
                "--type: must be download, execution or activation, was 'reboot'",
                "endTime (1000) must be after startTime (2000)");
        assertThat(dir.resolve("state/approvals")).doesNotExist();
    }

    @Test
    void install_withNothingDownloaded_exits0_withoutTouchingTheBroker() throws Exception {
        Path config = config();
        Files.writeString(config, Files.readString(config).replace("tcp://localhost:1883", "tcp://127.0.0.1:1"));

        int exit = run("install", "--config", config.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("nothing to install").doesNotContain("could not connect");
    }

    @Test
    void runModes_withABadCheckKey_areUsageErrorsNamingTheKey() throws Exception {
        Path config = config();
        Files.writeString(config, Files.readString(config) + "apply: \"* 8-17 *\"\n");

        for (String mode : new String[] {"check", "download", "install", "once"}) {
            int exit = run(mode, "--config", config.toString());
            assertThat(exit).as(mode).isEqualTo(2);
        }
        assertThat(err.toString()).contains("sup-agent: agent.yaml: apply: '* 8-17 *' must have 5 fields");
    }

    private void waitingForDownloadApproval(String mailboxId, String campaignId) throws Exception {
        new JobStore(dir.resolve("state/jobs")).save(UpdateJob.received(mailboxId, "acme", Optional.of(campaignId),
                org.suptools.agent.job.Gate.APPROVAL, org.suptools.agent.job.Gate.AUTOMATIC, AT)
                .at(Stage.WAITING_FOR_DOWNLOAD_APPROVAL, AT));
    }

    /** A request as the JSON that goes to the portal. */
    private static final class Tr50CodecText {
        static String of(Tr50Request request) {
            return new String(org.suptools.tr50.Tr50Codec.pretty(request), java.nio.charset.StandardCharsets.UTF_8);
        }
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
