package org.suptools.portal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.portal.MutableClock;

class CampaignsTest {

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.startingAt("2026-03-01T10:00:00Z");
    private DataDir data;
    private Campaigns campaigns;
    private Mailboxes mailboxes;

    @BeforeEach
    void portalWithThreeThingsAndASup() throws Exception {
        data = new DataDir(dir.resolve("data"));
        Things things = new Things(data, clock);
        for (String key : List.of("gw-1", "gw-2", "gw-3")) {
            things.put(key, "token-" + key, "app-" + key);
        }
        Path sup = Files.write(dir.resolve("acme-config.sup"), new byte[] {1, 2, 3});
        FileStore.developerFiles(data, clock).upload(sup);
        Files.write(dir.resolve("notes.txt"), new byte[] {1});
        FileStore.developerFiles(data, clock).upload(dir.resolve("notes.txt"));
        campaigns = new Campaigns(data, clock);
        mailboxes = new Mailboxes(data);
    }

    @Test
    void create_refusesAFileThatIsNotASup() {
        assertThatThrownBy(() -> campaigns.create("c", "notes.txt", List.of("gw-1"), 1200))
                .hasMessage("file: only a .sup Developer File can be chosen for gateway.sup.update, was 'notes.txt'");
    }

    @Test
    void create_refusesAMissingSupAndAnUnknownThing() {
        assertThatThrownBy(() -> campaigns.create("c", "other.sup", List.of("gw-1"), 1200))
                .hasMessageContaining("file: no Developer File named 'other.sup'");
        assertThatThrownBy(() -> campaigns.create("c", "acme-config.sup", List.of("gw-1", "gw-9"), 1200))
                .hasMessage("things: no thing with key 'gw-9' (add it first)");
        assertThatThrownBy(() -> campaigns.create("c", "acme-config.sup", List.of("gw-1", "gw-1"), 1200))
                .hasMessage("things: gw-1 is listed twice");
    }

    @Test
    void create_leavesADraftWhoseMembersAreReadyAndNoMessageSent() {
        Campaign campaign = campaigns.create("rollout", "acme-config.sup", List.of("gw-1", "gw-2"), 600);

        CampaignStatus status = campaigns.status(campaign.id()).orElseThrow();
        assertThat(campaign.id()).isEqualTo("C0001");
        assertThat(status.state()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(status.members()).extracting(MemberRecord::status).containsOnly(MemberRecord.READY);
        assertThat(mailboxes.mailbox("gw-1").messages()).isEmpty();
        assertThat(campaigns.create("second", "acme-config.sup", List.of("gw-1"), 600).id()).isEqualTo("C0002");
    }

    @Test
    void start_queuesAGatewaySupUpdateForEachMemberThatWaitsForOfflineGateways() {
        Campaign campaign = campaigns.create("rollout", "acme-config.sup", List.of("gw-1", "gw-2"), 600);

        campaigns.start(campaign.id());

        MailboxItem item = mailboxes.mailbox("gw-2").messages().get(0);
        assertThat(item.id()).isEqualTo(campaign.members().get(1).mailboxId());
        assertThat(item.method()).isEqualTo("gateway.sup.update");
        assertThat(item.params()).isEqualTo(JsonNodeFactory.instance.objectNode().put("name", "acme-config")
                .put("timeout", 600).put("campaignId", campaign.id()));
        assertThat(item.ttl()).isEqualTo(-1);
        assertThat(new NotifySpool(data).drain()).containsExactly("gw-1", "gw-2");
    }

    @Test
    void start_twiceSendsEachMessageOnce() {
        Campaign campaign = campaigns.create("rollout", "acme-config.sup", List.of("gw-1"), 600);
        campaigns.start(campaign.id());
        campaigns.start(campaign.id());

        assertThat(mailboxes.mailbox("gw-1").messages()).hasSize(1);
    }

    @Test
    void memberRecords_followTheMessageFromReadyToCompletedWithTheAcksCodeAndLog() {
        Campaign campaign = campaigns.create("rollout", "acme-config.sup", List.of("gw-1", "gw-2", "gw-3"), 600);
        campaigns.start(campaign.id());
        String m1 = campaign.members().get(0).mailboxId();
        String m2 = campaign.members().get(1).mailboxId();

        clock.advance(Duration.ofSeconds(10));
        mailboxes.check("gw-1", false, Optional.empty(), clock.instant());
        mailboxes.check("gw-2", false, Optional.empty(), clock.instant());
        new Telemetry(data).log("gw-2", new LogLine(clock.instant(), Optional.empty(), Optional.of(0),
                "action 2/5 file.copy failed", Optional.of(m2)));
        new Telemetry(data).log("gw-2", new LogLine(clock.instant(), Optional.empty(), Optional.of(2),
                "unrelated", Optional.empty()));
        clock.advance(Duration.ofSeconds(20));
        mailboxes.ack("gw-1", m1, 0, Optional.of(""), Optional.empty(), clock.instant());
        mailboxes.ack("gw-2", m2, -90110, Optional.of("action 2 failed"), Optional.empty(), clock.instant());

        CampaignStatus status = campaigns.status(campaign.id()).orElseThrow();
        MemberRecord one = status.members().get(0);
        MemberRecord two = status.members().get(1);
        MemberRecord three = status.members().get(2);
        assertThat(status.state()).isEqualTo(CampaignStatus.RUNNING);
        assertThat(one.status()).isEqualTo(MemberRecord.COMPLETED);
        assertThat(one.result()).contains("success");
        assertThat(one.errorMessage()).isEmpty();
        assertThat(one.startedOn()).contains(Instant.parse("2026-03-01T10:00:10Z"));
        assertThat(one.completedOn()).contains(Instant.parse("2026-03-01T10:00:30Z"));
        assertThat(two.result()).contains("failure");
        assertThat(two.errorCode()).contains(-90110);
        assertThat(two.errorMessage()).contains("action 2 failed");
        assertThat(two.log()).extracting(LogLine::msg).containsExactly("action 2/5 file.copy failed");
        assertThat(three.status()).isEqualTo(MemberRecord.READY);
        assertThat(status.succeeded()).isEqualTo(1);
        assertThat(status.failed()).isEqualTo(1);

        mailboxes.check("gw-3", false, Optional.empty(), clock.instant());
        assertThat(campaigns.status(campaign.id()).orElseThrow().members().get(2).status())
                .isEqualTo(MemberRecord.IN_PROGRESS);
        mailboxes.ack("gw-3", campaign.members().get(2).mailboxId(), 0, Optional.empty(), Optional.empty(),
                clock.instant());
        CampaignStatus done = campaigns.status(campaign.id()).orElseThrow();
        assertThat(done.state()).isEqualTo(CampaignStatus.COMPLETED);
        assertThat(done.completedOn()).contains(Instant.parse("2026-03-01T10:00:30Z"));
    }

    @Test
    void start_withApprovalSendsTheHeldStagesAndTheCampaignIdTheAgentApprovesBy() {
        Campaign campaign = campaigns.create("staged", "acme-config.sup", List.of("gw-1"), 600,
                StageApprovals.of(List.of("download", "execution")));
        campaigns.start(campaign.id());

        assertThat(mailboxes.mailbox("gw-1").messages().get(0).params()).isEqualTo(JsonNodeFactory.instance
                .objectNode().put("name", "acme-config").put("timeout", 600).put("campaignId", "C0001")
                .set("approval", JsonNodeFactory.instance.objectNode().put("download", true).put("execution", true)));
        assertThat(campaigns.find("C0001").orElseThrow().approval()).isEqualTo(new StageApprovals(true, true));
    }

    @Test
    void create_refusesAnApprovalOfActivationOrAnUnknownStage() {
        assertThatThrownBy(() -> StageApprovals.of(List.of("activation")))
                .hasMessageStartingWith("approval: activation cannot wait for an approval");
        assertThatThrownBy(() -> StageApprovals.of(List.of("download", "install")))
                .hasMessage("approval: expected download or execution, was 'install'");
    }

    @Test
    void approve_queuesAScheduleForEachMemberNotCompletedAndRecordsEachAgentsAck() {
        Campaign campaign = campaigns.create("staged", "acme-config.sup", List.of("gw-1", "gw-2", "gw-3"), 600,
                new StageApprovals(true, false));
        campaigns.start(campaign.id());
        new NotifySpool(data).drain();
        mailboxes.check("gw-3", false, Optional.empty(), clock.instant());
        mailboxes.ack("gw-3", campaign.members().get(2).mailboxId(), 0, Optional.empty(), Optional.empty(),
                clock.instant());

        clock.advance(Duration.ofSeconds(5));
        ApprovalOrder order = campaigns.approve(campaign.id(), "download", 1_772_400_000_000L, 1_772_414_400_000L,
                List.of());

        assertThat(order.sentTo()).extracting(Campaign.Member::thingKey).containsExactly("gw-1", "gw-2");
        assertThat(new NotifySpool(data).drain()).containsExactly("gw-1", "gw-2");
        MailboxItem schedule = mailboxes.mailbox("gw-1").messages().get(1);
        assertThat(schedule.method()).isEqualTo("gateway.sup.schedule");
        assertThat(schedule.params()).isEqualTo(JsonNodeFactory.instance.objectNode().put("type", "download")
                .put("campaignId", "C0001").put("startTime", 1_772_400_000_000L).put("endTime", 1_772_414_400_000L));
        assertThat(schedule.ttl()).isEqualTo(-1);

        mailboxes.check("gw-1", false, Optional.empty(), clock.instant());
        mailboxes.check("gw-2", false, Optional.empty(), clock.instant());
        mailboxes.ack("gw-1", schedule.id(), 0, Optional.of("download approved for its window"), Optional.empty(),
                clock.instant());
        mailboxes.ack("gw-2", order.sentTo().get(1).mailboxId(), 12, Optional.of("no unfinished update of campaign"
                + " C0001"), Optional.empty(), clock.instant());

        CampaignStatus status = campaigns.status(campaign.id()).orElseThrow();
        ApprovalRecord one = status.members().get(0).approvals().get(0);
        ApprovalRecord two = status.members().get(1).approvals().get(0);
        assertThat(one.status()).isEqualTo(MemberRecord.COMPLETED);
        assertThat(one.errorCode()).contains(0);
        assertThat(one.describe()).isEqualTo("download window 2026-03-01T21:20:00Z..2026-03-02T01:20:00Z: approved");
        assertThat(two.errorCode()).contains(12);
        assertThat(two.describe()).endsWith("refused 12 no unfinished update of campaign C0001");
        assertThat(status.members().get(2).approvals()).isEmpty();
        assertThat(status.members().get(0).status()).as("the member's own record is the update's")
                .isEqualTo(MemberRecord.IN_PROGRESS);
        assertThat(status.state()).isEqualTo(CampaignStatus.RUNNING);
    }

    @Test
    void approve_refusesADraftACancelledCampaignAStrangerABadWindowAndNobodyLeft() {
        Campaign campaign = campaigns.create("staged", "acme-config.sup", List.of("gw-1"), 600);
        assertThatThrownBy(() -> campaigns.approve(campaign.id(), "download", 0, 0, List.of()))
                .hasMessage("ID: campaign C0001 is a draft; start it first");
        campaigns.start(campaign.id());
        assertThatThrownBy(() -> campaigns.approve(campaign.id(), "download", 0, 0, List.of("gw-2")))
                .hasMessage("things: gw-2 is not a member of campaign C0001");
        assertThatThrownBy(() -> campaigns.approve(campaign.id(), "activation", 0, 0, List.of()))
                .hasMessage("type: expected download or execution, was 'activation'");
        assertThatThrownBy(() -> campaigns.approve(campaign.id(), "download", 2000, 1000, List.of()))
                .hasMessage("end-time: must be after the start time 2000, was 1000");
        assertThatThrownBy(() -> campaigns.approve("C0009", "download", 0, 0, List.of()))
                .hasMessage("ID: no campaign 'C0009'");
        assertThat(mailboxes.mailbox("gw-1").messages()).as("nothing sent by a refusal").hasSize(1);

        mailboxes.check("gw-1", false, Optional.empty(), clock.instant());
        mailboxes.ack("gw-1", campaign.members().get(0).mailboxId(), 0, Optional.empty(), Optional.empty(),
                clock.instant());
        assertThatThrownBy(() -> campaigns.approve(campaign.id(), "execution", 0, 0, List.of()))
                .hasMessageContaining("has completed; there is nothing to approve");
        Campaign other = campaigns.create("other", "acme-config.sup", List.of("gw-2"), 600);
        campaigns.start(other.id());
        String pending = campaigns.approve(other.id(), "download", 0, 0, List.of()).sentTo().get(0).mailboxId();
        campaigns.cancel(other.id());
        assertThat(mailboxes.check("gw-2", false, Optional.empty(), clock.instant()))
                .as("the cancel withdrew the update and the approval no gateway took").isEmpty();
        assertThat(mailboxes.find("gw-2", pending).orElseThrow().state()).isEqualTo(MailboxState.COMPLETED);
        assertThatThrownBy(() -> campaigns.approve(other.id(), "download", 0, 0, List.of()))
                .hasMessageContaining("was cancelled at");
    }

    @Test
    void status_showsTheLastStateTheAgentPublishedForTheMembersMessage_whateverItPublishedAfter() {
        Campaign campaign = campaigns.create("staged", "acme-config.sup", List.of("gw-1"), 600);
        campaigns.start(campaign.id());
        String mine = campaign.members().get(0).mailboxId();
        Telemetry telemetry = new Telemetry(data);

        telemetry.attribute("gw-1", "sup.update.state", new Attribute("{\"state\":\"SCHEDULED_DOWNLOAD\",\"mailboxId\":\""
                + mine + "\",\"campaignId\":\"C0001\",\"window\":\"2026-03-01T21:20:00Z..\"}",
                Optional.of(Instant.parse("2026-03-01T10:01:00Z")), clock.instant()));
        AgentState scheduled = new AgentState("SCHEDULED_DOWNLOAD", Optional.of("2026-03-01T21:20:00Z.."),
                Optional.empty(), Instant.parse("2026-03-01T10:01:00Z"));
        assertThat(agentState(campaign)).contains(scheduled);

        // The agent's update check found nothing: a report of no job, as the agent sends it and as older agents did.
        telemetry.attribute("gw-1", "sup.update.state", new Attribute("{\"state\":\"INVENTORY_UP_TO_DATE\","
                + "\"mailboxId\":null,\"check\":\"update.check\"}", Optional.empty(), clock.instant()));
        assertThat(agentState(campaign)).as("after an update check's report").contains(scheduled);
        telemetry.attribute("gw-1", "sup.update.state", new Attribute("{\"state\":\"INVENTORY_UP_TO_DATE\","
                + "\"check\":\"update.check\"}", Optional.empty(), clock.instant()));
        assertThat(agentState(campaign)).as("after one with no mailboxId at all").contains(scheduled);
        telemetry.attribute("gw-1", "sup.update.state", new Attribute("{\"state\":\"DOWNLOADING\",\"mailboxId\":"
                + "\"Mother\"}", Optional.empty(), clock.instant()));
        assertThat(agentState(campaign)).as("after another job's report").contains(scheduled);
        telemetry.attribute("gw-1", "sup.update.state", new Attribute("not json", Optional.empty(), clock.instant()));
        assertThat(agentState(campaign)).as("after a value that is no report").contains(scheduled);

        telemetry.attribute("gw-1", "sup.update.state", new Attribute("{\"state\":\"DOWNLOADING\",\"mailboxId\":\""
                + mine + "\"}", Optional.of(Instant.parse("2026-03-01T21:20:05Z")), clock.instant()));
        assertThat(agentState(campaign).map(AgentState::state)).contains("DOWNLOADING");
        telemetry.attribute("gw-1", "sup.update.state", new Attribute("{\"state\":\"SCHEDULED_DOWNLOAD\",\"mailboxId\":\""
                + mine + "\"}", Optional.of(Instant.parse("2026-03-01T10:01:00Z")), clock.instant()));
        assertThat(agentState(campaign).map(AgentState::state)).as("an older report sent late").contains("DOWNLOADING");
    }

    @Test
    void acceptRequired_memberThatHasNotAccepted_isOfferedCountedApartAndSentNothing_untilItAccepts() throws Exception {
        Campaign campaign = campaigns.create("consent", "acme-config.sup", List.of("gw-1", "gw-2"), 600,
                new StageApprovals(true, false), true);
        campaigns.start(campaign.id());

        CampaignStatus offered = campaigns.status(campaign.id()).orElseThrow();
        assertThat(offered.members()).extracting(MemberRecord::status)
                .containsExactly(MemberRecord.OFFERED, MemberRecord.OFFERED);
        assertThat(offered.waitingForAcceptance()).isEqualTo(2);
        com.fasterxml.jackson.databind.JsonNode json = data.json().valueToTree(offered);
        assertThat(json.path("waitingForAcceptance").asInt()).isEqualTo(2);
        assertThat(json.path("members").get(0).path("status").asText()).isEqualTo("Offered");
        assertThatThrownBy(() -> campaigns.approve(campaign.id(), "download", 0, 0, List.of()))
                .hasMessageContaining("has completed or has not accepted it yet");
        assertThatThrownBy(() -> campaigns.approve(campaign.id(), "download", 0, 0, List.of("gw-2")))
                .hasMessageStartingWith("things: gw-2 has not accepted campaign " + campaign.id() + " yet");
        assertThat(mailboxes.mailbox("gw-1").messages()).isEmpty();
        assertThat(mailboxes.mailbox("gw-2").messages()).isEmpty();

        campaigns.accept("gw-1", campaign.id());
        CampaignStatus oneAccepted = campaigns.status(campaign.id()).orElseThrow();
        assertThat(oneAccepted.members()).extracting(MemberRecord::status)
                .containsExactly(MemberRecord.READY, MemberRecord.OFFERED);
        assertThat(oneAccepted.waitingForAcceptance()).isEqualTo(1);
        ApprovalOrder approved = campaigns.approve(campaign.id(), "download", 0, 0, List.of());
        assertThat(approved.sentTo()).extracting(Campaign.Member::thingKey).containsExactly("gw-1");
        assertThat(mailboxes.mailbox("gw-2").messages()).as("nothing for the member that has not accepted").isEmpty();

        campaigns.accept("gw-2", campaign.id());
        ApprovalOrder then = campaigns.approve(campaign.id(), "download", 0, 0, List.of("gw-2"));
        assertThat(then.sentTo()).extracting(Campaign.Member::thingKey).containsExactly("gw-2");
        assertThat(mailboxes.mailbox("gw-2").messages()).hasSize(2);
        assertThat(campaigns.status(campaign.id()).orElseThrow().waitingForAcceptance()).isZero();
    }

    private Optional<AgentState> agentState(Campaign campaign) {
        return campaigns.status(campaign.id()).orElseThrow().members().get(0).agentState();
    }
}
