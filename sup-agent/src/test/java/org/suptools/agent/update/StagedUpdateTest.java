package org.suptools.agent.update;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.suptools.agent.AgentLog;
import org.suptools.agent.config.StagePolicy;
import org.suptools.agent.download.Downloader;
import org.suptools.agent.download.FileSource;
import org.suptools.agent.download.PortalFileIds;
import org.suptools.agent.job.Approval;
import org.suptools.agent.job.ScheduleRequest;
import org.suptools.agent.job.Stage;
import org.suptools.agent.job.StageKind;
import org.suptools.agent.job.UpdateJob;
import org.suptools.agent.store.AgentJson;
import org.suptools.agent.store.ApprovalInbox;
import org.suptools.agent.store.JobStore;
import org.suptools.agent.store.Outbox;
import org.suptools.installer.api.InstallError;
import org.suptools.tr50.AckCodes;
import org.suptools.tr50.GatewaySupUpdate;
import org.suptools.tr50.MailboxMessage;
import org.suptools.tr50.MethodExec;
import org.suptools.tr50.Params;

/**
 * Seed 000's stages through the agent: every state an update enters, approvals by the inbox and
 * by {@code gateway.sup.schedule}, windows on a clock the test moves (never a sleep), and a fresh
 * agent over the same state directory in each state a job can rest in.
 */
class StagedUpdateTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final StagePolicy BOTH = new StagePolicy(true, true);
    private static final StagePolicy DOWNLOAD_ONLY = new StagePolicy(true, false);

    @TempDir
    Path temp;

    private final FakePortal portal = new FakePortal();
    private final ScriptedInstaller installer = new ScriptedInstaller();
    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final List<Duration> waits = new ArrayList<>();
    private ApprovalInbox inbox;

    @BeforeEach
    void layOut() throws Exception {
        ScriptedInstaller.write(temp.resolve("gw/gateway.yaml"), "runtimeHome: runtime\n");
        portal.files.put("acme.sup", "the package".getBytes());
        inbox = new ApprovalInbox(temp.resolve("state/approvals"));
    }

    @Test
    void automaticPolicy_goesThroughEveryStateOnce_andAcksAfterTheLast() throws Exception {
        portal.mailbox.put("M1", update("M1", "C1", Params.empty()));

        Cycle cycle = agent(StagePolicy.AUTOMATIC).cycle();

        assertThat(portal.states()).containsExactly("INSTANTIATED", "INVENTORY_UP_TO_DATE", "WAITING_FOR_DOWNLOAD",
                "DOWNLOADING", "DOWNLOAD_COMPLETE", "WAITING_TO_EXECUTE", "EXECUTING", "WAITING_TO_ACTIVATE",
                "SUCCEEDED");
        assertThat(portal.attributes).allSatisfy(a -> assertThat(a.ts()).contains(T0));
        assertThat(portal.acks).singleElement().satisfies(ack -> assertThat(ack.errorCode()).isZero());
        assertThat(job("M1").stage()).isEqualTo(Stage.SUCCEEDED);
        assertThat(job("M1").finished()).isTrue();
        assertThat(cycle.pending()).isZero();
        assertThat(cycle.nextWindow()).isEmpty();
    }

    @Test
    void downloadApproval_holdsTheJobWithoutFetching_untilAnApprovalForNow() throws Exception {
        portal.mailbox.put("M1", update("M1", "C1", Params.empty()));

        Cycle held = agent(DOWNLOAD_ONLY).cycle();

        assertThat(job("M1").stage()).isEqualTo(Stage.WAITING_FOR_DOWNLOAD_APPROVAL);
        assertThat(portal.fileIds).as("no file.get before the approval").isEmpty();
        assertThat(portal.states()).endsWith("WAITING_FOR_DOWNLOAD_APPROVAL");
        assertThat(held.pending()).as("a job waiting for people is no work to retry").isZero();
        assertThat(portal.acks).isEmpty();

        inbox.submit(new ScheduleRequest(StageKind.DOWNLOAD, "C1", Approval.now()), T0.toEpochMilli());
        agent(DOWNLOAD_ONLY).cycle();

        assertThat(job("M1").stage()).isEqualTo(Stage.SUCCEEDED);
        assertThat(portal.states()).containsSubsequence("WAITING_FOR_DOWNLOAD_APPROVAL", "WAITING_FOR_DOWNLOAD",
                "DOWNLOADING", "DOWNLOAD_COMPLETE", "WAITING_TO_EXECUTE", "EXECUTING", "SUCCEEDED");
        assertThat(inbox.pending(new ArrayList<>())).as("an approval is given once").isEmpty();
        assertThat(installer.installs()).hasSize(1);
    }

    @Test
    void window_isScheduledUntilItOpens_toTheSecond() throws Exception {
        portal.mailbox.put("M1", update("M1", "C1", Params.empty()));
        agent(DOWNLOAD_ONLY).cycle();
        Instant opens = T0.plus(Duration.ofHours(1));
        inbox.submit(new ScheduleRequest(StageKind.DOWNLOAD, "C1", new Approval(opens.toEpochMilli(),
                opens.plus(Duration.ofHours(1)).toEpochMilli())), T0.toEpochMilli());

        Cycle scheduled = agent(DOWNLOAD_ONLY).cycle();
        assertThat(job("M1").stage()).isEqualTo(Stage.SCHEDULED_DOWNLOAD);
        assertThat(scheduled.nextWindow()).as("the daemon wakes when the window opens").contains(opens);

        now.set(opens.minusSeconds(1));
        agent(DOWNLOAD_ONLY).cycle();
        assertThat(job("M1").stage()).as("a second before the window").isEqualTo(Stage.SCHEDULED_DOWNLOAD);
        assertThat(portal.fileIds).isEmpty();

        now.set(opens);
        agent(DOWNLOAD_ONLY).cycle();
        assertThat(job("M1").stage()).isEqualTo(Stage.SUCCEEDED);
        assertThat(portal.states()).containsSubsequence("SCHEDULED_DOWNLOAD", "WAITING_FOR_DOWNLOAD", "DOWNLOADING");
    }

    @Test
    void windowThatClosedBeforeTheStageStarted_doesNotStartIt_andTheStageWaitsForANewApproval() throws Exception {
        portal.mailbox.put("M1", update("M1", "C1", Params.empty()));
        agent(DOWNLOAD_ONLY).cycle();
        inbox.submit(new ScheduleRequest(StageKind.DOWNLOAD, "C1", new Approval(T0.plusSeconds(10).toEpochMilli(),
                T0.plusSeconds(20).toEpochMilli())), T0.toEpochMilli());
        agent(DOWNLOAD_ONLY).cycle();
        assertThat(job("M1").stage()).isEqualTo(Stage.SCHEDULED_DOWNLOAD);

        // The agent was off for the whole window; the end is exclusive.
        now.set(T0.plusSeconds(20));
        agent(DOWNLOAD_ONLY).cycle();

        UpdateJob missed = job("M1");
        assertThat(missed.stage()).isEqualTo(Stage.WAITING_FOR_DOWNLOAD_APPROVAL);
        assertThat(missed.download().approval()).as("the approval is spent").isEmpty();
        assertThat(portal.fileIds).isEmpty();
        assertThat(portal.acks).as("a missed window fails nothing").isEmpty();

        inbox.submit(new ScheduleRequest(StageKind.DOWNLOAD, "C1", Approval.now()), now.get().toEpochMilli());
        agent(DOWNLOAD_ONLY).cycle();
        assertThat(job("M1").stage()).isEqualTo(Stage.SUCCEEDED);
    }

    @Test
    void downloadWhoseStartDidNotFinishInItsWindow_doesNotStartAfterIt() throws Exception {
        portal.mailbox.put("M1", update("M1", "C1", Params.empty()));
        agent(DOWNLOAD_ONLY).cycle();
        inbox.submit(new ScheduleRequest(StageKind.DOWNLOAD, "C1", new Approval(T0.plusSeconds(10).toEpochMilli(),
                T0.plusSeconds(20).toEpochMilli())), T0.toEpochMilli());
        now.set(T0.plusSeconds(10));
        portal.fileGetDown = true;

        Cycle away = agent(DOWNLOAD_ONLY).cycle();
        assertThat(away.portalReachable()).isFalse();
        assertThat(job("M1").stage()).as("file.get never answered: the start did not finish")
                .isEqualTo(Stage.WAITING_FOR_DOWNLOAD);

        portal.fileGetDown = false;
        now.set(T0.plusSeconds(20));
        agent(DOWNLOAD_ONLY).cycle();

        assertThat(job("M1").stage()).isEqualTo(Stage.WAITING_FOR_DOWNLOAD_APPROVAL);
        assertThat(portal.fileIds).isEmpty();
        assertThat(portal.acks).isEmpty();
    }

    @Test
    void windowStillOpenAtTheLastMillisecond_startsTheStage() throws Exception {
        portal.mailbox.put("M1", update("M1", "C1", Params.empty()));
        agent(DOWNLOAD_ONLY).cycle();
        inbox.submit(new ScheduleRequest(StageKind.DOWNLOAD, "C1", new Approval(T0.plusSeconds(10).toEpochMilli(),
                T0.plusSeconds(20).toEpochMilli())), T0.toEpochMilli());
        now.set(T0.plusSeconds(20).minusMillis(1));

        agent(DOWNLOAD_ONLY).cycle();

        assertThat(job("M1").stage()).isEqualTo(Stage.SUCCEEDED);
    }

    @Test
    void bothApprovals_downloadThenAWindowForTheInstall_eachHonoured() throws Exception {
        portal.mailbox.put("M1", update("M1", "C1", Params.empty()));
        agent(BOTH).cycle();
        inbox.submit(new ScheduleRequest(StageKind.DOWNLOAD, "C1", Approval.now()), T0.toEpochMilli());

        agent(BOTH).cycle();
        assertThat(job("M1").stage()).isEqualTo(Stage.WAITING_FOR_EXECUTION_APPROVAL);
        assertThat(installer.installs()).isEmpty();

        Instant night = T0.plus(Duration.ofHours(12));
        inbox.submit(new ScheduleRequest(StageKind.EXECUTION, "C1", new Approval(night.toEpochMilli(),
                night.plus(Duration.ofHours(4)).toEpochMilli())), T0.toEpochMilli());
        Cycle scheduled = agent(BOTH).cycle();
        assertThat(job("M1").stage()).isEqualTo(Stage.SCHEDULED_EXECUTION);
        assertThat(scheduled.nextWindow()).contains(night);
        assertThat(installer.installs()).isEmpty();

        now.set(night.plusSeconds(30));
        agent(BOTH).cycle();

        assertThat(job("M1").stage()).isEqualTo(Stage.SUCCEEDED);
        assertThat(installer.installs()).hasSize(1);
        assertThat(portal.states()).containsSubsequence("DOWNLOAD_COMPLETE", "WAITING_FOR_EXECUTION_APPROVAL",
                "SCHEDULED_EXECUTION", "WAITING_TO_EXECUTE", "EXECUTING", "WAITING_TO_ACTIVATE", "SUCCEEDED");
    }

    @Test
    void anInstallApprovedWhileTheDownloadStillWaits_isKeptForWhenTheDownloadIsDone() throws Exception {
        portal.mailbox.put("M1", update("M1", "C1", Params.empty()));
        agent(BOTH).cycle();
        inbox.submit(new ScheduleRequest(StageKind.EXECUTION, "C1", Approval.now()), T0.toEpochMilli());

        agent(BOTH).cycle();
        assertThat(job("M1").stage()).isEqualTo(Stage.WAITING_FOR_DOWNLOAD_APPROVAL);
        assertThat(job("M1").execution().approval()).contains(Approval.now());

        inbox.submit(new ScheduleRequest(StageKind.DOWNLOAD, "C1", Approval.now()), T0.toEpochMilli());
        agent(BOTH).cycle();

        assertThat(job("M1").stage()).isEqualTo(Stage.SUCCEEDED);
    }

    @ParameterizedTest
    @EnumSource(value = Stage.class, names = {"WAITING_FOR_DOWNLOAD_APPROVAL", "SCHEDULED_DOWNLOAD",
        "WAITING_FOR_EXECUTION_APPROVAL", "SCHEDULED_EXECUTION"})
    void restart_inEachWaitingAndScheduledState_keepsItUntilItsTime_thenOneInstallAndOneAck(Stage resting)
            throws Exception {
        portal.mailbox.put("M1", update("M1", "C1", Params.empty()));
        agent(BOTH).cycle();
        Instant later = T0.plus(Duration.ofHours(2));
        Approval window = new Approval(later.toEpochMilli(), 0);
        if (resting.ordinal() > Stage.SCHEDULED_DOWNLOAD.ordinal()) {
            inbox.submit(new ScheduleRequest(StageKind.DOWNLOAD, "C1", Approval.now()), T0.toEpochMilli());
            agent(BOTH).cycle();
        }
        StageKind kind = resting.ordinal() > Stage.SCHEDULED_DOWNLOAD.ordinal() ? StageKind.EXECUTION
                : StageKind.DOWNLOAD;
        if (resting.name().startsWith("SCHEDULED")) {
            inbox.submit(new ScheduleRequest(kind, "C1", window), T0.toEpochMilli());
            agent(BOTH).cycle();
        }
        assertThat(job("M1").stage()).isEqualTo(resting);

        // Killed here: a fresh agent over the same state directory, an hour on.
        now.set(T0.plus(Duration.ofHours(1)));
        agent(BOTH).cycle();
        assertThat(job("M1").stage()).as("nothing moves it but an approval or its window").isEqualTo(resting);
        assertThat(portal.acks).isEmpty();

        if (resting.name().startsWith("WAITING")) {
            inbox.submit(new ScheduleRequest(kind, "C1", Approval.now()), now.get().toEpochMilli());
        } else {
            now.set(later);
        }
        if (kind == StageKind.DOWNLOAD) {
            inbox.submit(new ScheduleRequest(StageKind.EXECUTION, "C1", Approval.now()), now.get().toEpochMilli());
        }
        agent(BOTH).cycle();
        agent(BOTH).cycle();

        assertThat(job("M1").stage()).isEqualTo(Stage.SUCCEEDED);
        assertThat(job("M1").finished()).isTrue();
        assertThat(installer.installs()).hasSize(1);
        assertThat(portal.ackedIds()).containsExactly("M1");
    }

    @ParameterizedTest
    @EnumSource(value = Stage.class, names = {"INSTANTIATED", "INVENTORY_UP_TO_DATE", "WAITING_FOR_DOWNLOAD",
        "DOWNLOAD_COMPLETE", "WAITING_TO_EXECUTE"})
    void restart_inEachPassingState_goesOnToOneInstallAndOneAck(Stage resting) throws Exception {
        portal.mailbox.put("M1", update("M1", "C1", Params.empty()));
        portal.keepAcked = true;
        JobStore jobs = new JobStore(temp.resolve("state/jobs"));
        if (resting.ordinal() >= Stage.DOWNLOAD_COMPLETE.ordinal()) {
            // The package is on disk: a run held before the install leaves it so.
            agent(new StagePolicy(false, true)).cycle();
            assertThat(job("M1").stage()).isEqualTo(Stage.WAITING_FOR_EXECUTION_APPROVAL);
        } else {
            jobs.save(UpdateJob.received("M1", "acme", Optional.of("C1"), T0));
        }
        // Killed just after the record said this state (with the install approved, where it waited for that).
        UpdateJob before = job("M1");
        jobs.save(before.gated(StageKind.EXECUTION, before.execution().approved(Approval.now()), T0).at(resting, T0));

        agent(StagePolicy.AUTOMATIC).cycle();

        assertThat(job("M1").stage()).isEqualTo(Stage.SUCCEEDED);
        assertThat(installer.installs()).hasSize(1);
        assertThat(portal.ackedIds()).containsExactly("M1");
    }

    @Test
    void restart_afterTheInstallSucceededButBeforeItsAck_endsSucceededWithTheInstallersReply() throws Exception {
        portal.mailbox.put("M1", update("M1", "C1", Params.empty()));
        portal.keepAcked = true;
        installer.afterStart = () -> portal.down = true;
        agent(StagePolicy.AUTOMATIC).cycle();
        portal.down = false;
        JobStore jobs = new JobStore(temp.resolve("state/jobs"));
        // As if killed after WAITING_TO_ACTIVATE was saved: the ack is not in the outbox yet.
        Outbox outbox = new Outbox(temp.resolve("state/outbox"));
        for (Outbox.Entry entry : outbox.pending()) {
            org.suptools.agent.store.Durable.delete(entry.file());
        }
        UpdateJob ended = job("M1");
        jobs.save(new UpdateJob(ended.mailboxId(), ended.packageName(), ended.campaignId(),
                Stage.WAITING_TO_ACTIVATE, ended.expectedSize(), ended.expectedCrc32(), ended.downloadedBytes(),
                ended.partTag(), ended.downloadAttempts(), ended.installAttempts(), ended.receivedAt(), T0,
                Optional.empty(), ended.download(), ended.execution(), false));
        // The installer's reply for the agent is still where the install left it.
        org.suptools.agent.store.Durable.write(temp.resolve("state/installer/M1.reply.json"),
                org.suptools.tr50.Tr50Codec.pretty(org.suptools.tr50.Tr50Request.of(new org.suptools.tr50.MailboxAck(
                        "M1", 0, Optional.of(""), Optional.empty()))));

        agent(StagePolicy.AUTOMATIC).cycle();

        assertThat(job("M1").stage()).isEqualTo(Stage.SUCCEEDED);
        assertThat(installer.installs()).hasSize(1);
        assertThat(portal.ackedIds()).containsExactly("M1");
    }

    @Test
    void killBetweenTheAckAndTheRecord_endsTheJobInTheStateTheAckSays() throws Exception {
        portal.mailbox.put("M1", update("M1", "C1", Params.empty()));
        installer.error = Optional.of(InstallError.ACTION_FAILED);
        installer.afterStart = () -> portal.down = true;
        agent(StagePolicy.AUTOMATIC).cycle();
        portal.down = false;
        UpdateJob ended = job("M1");
        assertThat(ended.stage()).isEqualTo(Stage.EXECUTION_FAILED);
        // The record as it was before the report: EXECUTING, no result; the ack is in the outbox.
        new JobStore(temp.resolve("state/jobs")).save(new UpdateJob(ended.mailboxId(), ended.packageName(),
                ended.campaignId(), Stage.EXECUTING, ended.expectedSize(), ended.expectedCrc32(),
                ended.downloadedBytes(), ended.partTag(), ended.downloadAttempts(), ended.installAttempts(),
                ended.receivedAt(), T0, Optional.empty(), ended.download(), ended.execution(), false));

        agent(StagePolicy.AUTOMATIC).cycle();

        UpdateJob reconciled = job("M1");
        assertThat(reconciled.stage()).isEqualTo(Stage.EXECUTION_FAILED);
        assertThat(reconciled.result().orElseThrow().errorCode()).isEqualTo(-90110);
        assertThat(installer.installs()).as("never run again").hasSize(1);
        assertThat(portal.ackedIds()).containsExactly("M1");
    }

    @Test
    void downloadThatFails_endsDownloadFailed_withTheReasonPublishedAndAcked() throws Exception {
        portal.mailbox.put("M1", update("M1", "C1", Params.empty()));
        portal.files.clear();

        agent(StagePolicy.AUTOMATIC).cycle();

        assertThat(job("M1").stage()).isEqualTo(Stage.DOWNLOAD_FAILED);
        assertThat(portal.states()).endsWith("DOWNLOADING", "DOWNLOAD_FAILED");
        assertThat(lastState()).contains("\"reason\":\"failure -90008");
        assertThat(portal.acks).singleElement().satisfies(ack -> assertThat(ack.errorCode()).isEqualTo(-90008));
    }

    @Test
    void installThatFails_endsExecutionFailed_withTheInstallersReason() throws Exception {
        portal.mailbox.put("M1", update("M1", "C1", Params.empty()));
        installer.error = Optional.of(InstallError.ACTION_FAILED);

        agent(StagePolicy.AUTOMATIC).cycle();

        assertThat(job("M1").stage()).isEqualTo(Stage.EXECUTION_FAILED);
        assertThat(portal.states()).endsWith("EXECUTING", "EXECUTION_FAILED");
        assertThat(lastState()).contains("\"reason\":\"failure -90110");
    }

    @Test
    void campaignApprovalParam_holdsTheStages_andGatewaySupSchedule_approvesThemWithAnAck() throws Exception {
        ObjectNode approval = AgentJson.mapper().createObjectNode().put("download", true).put("execution", true)
                .put("someFutureField", "ignored");
        portal.mailbox.put("M1", update("M1", "C1", Params.builder().put("approval", approval).build()));
        agent(StagePolicy.AUTOMATIC).cycle();
        assertThat(job("M1").stage()).isEqualTo(Stage.WAITING_FOR_DOWNLOAD_APPROVAL);

        portal.mailbox.put("S1", schedule("S1", Params.builder().put("type", "download").put("campaignId", "C1")
                .put("startTime", 0).put("endTime", 0).build()));
        agent(StagePolicy.AUTOMATIC).cycle();
        assertThat(job("M1").stage()).isEqualTo(Stage.WAITING_FOR_EXECUTION_APPROVAL);
        assertThat(portal.acks).singleElement().satisfies(ack -> {
            assertThat(ack.id()).isEqualTo("S1");
            assertThat(ack.errorCode()).isZero();
        });

        Instant opens = T0.plus(Duration.ofMinutes(5));
        portal.mailbox.put("S2", schedule("S2", Params.builder().put("type", "execution").put("campaignId", "C1")
                .put("startTime", opens.toEpochMilli()).put("endTime", opens.plusSeconds(600).toEpochMilli())
                .build()));
        agent(StagePolicy.AUTOMATIC).cycle();
        assertThat(job("M1").stage()).isEqualTo(Stage.SCHEDULED_EXECUTION);

        now.set(opens);
        agent(StagePolicy.AUTOMATIC).cycle();
        assertThat(job("M1").stage()).isEqualTo(Stage.SUCCEEDED);
        assertThat(portal.ackedIds()).containsExactly("S1", "S2", "M1");
    }

    @Test
    void gatewaySupSchedule_refusals_carryTheCodeAndTheReason() throws Exception {
        portal.mailbox.put("M1", update("M1", "C1", Params.empty()));
        agent(DOWNLOAD_ONLY).cycle();
        portal.mailbox.put("S1", schedule("S1", Params.builder().put("type", "download").put("campaignId", "C9")
                .build()));
        portal.mailbox.put("S2", schedule("S2", Params.builder().put("type", "activation").put("campaignId", "C1")
                .build()));
        portal.mailbox.put("S3", schedule("S3", Params.builder().put("type", "reboot").put("campaignId", "C1")
                .build()));
        portal.mailbox.put("S4", schedule("S4", Params.builder().put("type", "execution").put("campaignId", "C1")
                .build()));
        portal.mailbox.put("S5", schedule("S5", Params.builder().put("type", "download").put("campaignId", "C1")
                .put("startTime", 20).put("endTime", 10).build()));

        agent(DOWNLOAD_ONLY).cycle();

        assertThat(portal.acks).extracting(ack -> ack.id() + " " + ack.errorCode()).containsExactly(
                "S1 " + AckCodes.NOT_FOUND, "S2 " + AckCodes.NOT_SUPPORTED, "S3 " + AckCodes.BAD_PARAMETER,
                "S4 " + AckCodes.BAD_PARAMETER, "S5 " + AckCodes.BAD_PARAMETER);
        assertThat(portal.acks.get(0).errorMessage()).contains("no unfinished update of campaign C9 on this gateway");
        assertThat(portal.acks.get(3).errorMessage().orElseThrow()).contains("needs no approval");
        assertThat(portal.acks.get(4).errorMessage().orElseThrow()).contains("endTime (10) must be after startTime");
        assertThat(job("M1").stage()).isEqualTo(Stage.WAITING_FOR_DOWNLOAD_APPROVAL);
    }

    @Test
    void campaignApprovalParam_thatCannotBeHonoured_isRefusedWithTheReason() throws Exception {
        portal.mailbox.put("M1", update("M1", "C1", Params.builder().put("approval",
                AgentJson.mapper().createObjectNode().put("activation", true)).build()));
        portal.mailbox.put("M2", update("M2", "C2", Params.builder().put("approval", "yes").build()));
        portal.mailbox.put("M3", update("M3", "C3", Params.builder().put("approval",
                AgentJson.mapper().createObjectNode().put("download", "sure")).build()));

        agent(StagePolicy.AUTOMATIC).cycle();

        assertThat(portal.acks).extracting(ack -> ack.id() + " " + ack.errorCode()).containsExactly(
                "M1 " + AckCodes.NOT_SUPPORTED, "M2 " + AckCodes.BAD_PARAMETER, "M3 " + AckCodes.BAD_PARAMETER);
        assertThat(portal.acks.get(2).errorMessage().orElseThrow()).contains("approval.download: must be true or false");
        assertThat(installer.installs()).isEmpty();
    }

    @Test
    void anUpdateWhoseMessageNamedNoCampaign_isApprovedByItsMailboxId() throws Exception {
        portal.mailbox.put("M1", new MailboxMessage("M1", Optional.of("gw-1"),
                MethodExec.of(GatewaySupUpdate.of("acme", 600))));
        agent(DOWNLOAD_ONLY).cycle();
        assertThat(job("M1").stage()).isEqualTo(Stage.WAITING_FOR_DOWNLOAD_APPROVAL);

        inbox.submit(new ScheduleRequest(StageKind.DOWNLOAD, "M1", Approval.now()), T0.toEpochMilli());
        agent(DOWNLOAD_ONLY).cycle();

        assertThat(job("M1").stage()).isEqualTo(Stage.SUCCEEDED);
    }

    @Test
    void anApprovalOfAStageAlreadyStarted_isRefused() throws Exception {
        portal.mailbox.put("M1", update("M1", "C1", Params.empty()));
        agent(BOTH).cycle();
        inbox.submit(new ScheduleRequest(StageKind.DOWNLOAD, "C1", Approval.now()), T0.toEpochMilli());
        agent(BOTH).cycle();

        StageGates.Applied again = StageGates.approve(job("M1"), new ScheduleRequest(StageKind.DOWNLOAD, "C1",
                Approval.now()), T0);

        assertThat(again.job()).isEmpty();
        assertThat(again.message()).contains("has already started: the job is WAITING_FOR_EXECUTION_APPROVAL");
    }

    private String lastState() {
        return portal.attributes.get(portal.attributes.size() - 1).value();
    }

    private UpdateJob job(String id) throws Exception {
        return new JobStore(temp.resolve("state/jobs")).find(id).orElseThrow();
    }

    private static MailboxMessage update(String id, String campaignId, Params more) {
        Params others = Params.builder().put("campaignId", campaignId).putAll(more).build();
        return new MailboxMessage(id, Optional.of("gw-1"), MethodExec.of(new GatewaySupUpdate("acme",
                Optional.of(600), others)));
    }

    private static MailboxMessage schedule(String id, Params params) {
        return new MailboxMessage(id, Optional.of("gw-1"), MethodExec.of(ScheduleRequest.METHOD, params));
    }

    /** A fresh agent over the state directory, as after a restart. */
    private UpdateAgent agent(StagePolicy policy) {
        JobStore jobs = new JobStore(temp.resolve("state/jobs"));
        FileSource source = (fileId, offset, ifRange) -> {
            byte[] content = portal.fileIds.get(fileId);
            if (content == null) {
                return new FileSource.Fetch(404, 0, OptionalLong.empty(), Optional.empty(),
                        java.io.InputStream.nullInputStream());
            }
            return new FileSource.Fetch(200, 0, OptionalLong.of(content.length), Optional.empty(),
                    new ByteArrayInputStream(content));
        };
        Downloader downloader = new Downloader(new PortalFileIds(portal), source, jobs,
                temp.resolve("state/downloads"), clock, waits::add, Downloader.RetryPolicy.DEFAULT,
                Downloader.Progress.NONE);
        InstallStep step = new InstallStep(List.of("sup-installer"), temp.resolve("gw/gateway.yaml"),
                temp.resolve("state/installer"), Optional.of("gw-1"), name -> installer, line -> { });
        return new UpdateAgent(jobs, new Outbox(temp.resolve("state/outbox")), downloader, step, portal, clock,
                AgentLog.NONE, policy, Optional.of(inbox));
    }
}
