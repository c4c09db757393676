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
                .put("timeout", 600));
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
}
