package org.suptools.portal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.portal.MutableClock;

class DeletionsTest {

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.startingAt("2026-03-01T10:00:00Z");
    private DataDir data;
    private Things things;
    private Campaigns campaigns;
    private Mailboxes mailboxes;
    private Deletions deletions;

    @BeforeEach
    void portalWithTwoThingsAndASup() throws Exception {
        data = new DataDir(dir.resolve("data"));
        things = new Things(data, clock);
        things.put("gw-1", "token-1", "app-1");
        things.put("gw-2", "token-2", "app-2");
        FileStore.developerFiles(data, clock).upload(Files.write(dir.resolve("acme-config.sup"), new byte[] {1, 2}));
        campaigns = new Campaigns(data, clock);
        mailboxes = new Mailboxes(data);
        deletions = new Deletions(data, clock);
    }

    private void completeEveryMember(Campaign campaign) {
        for (Campaign.Member member : campaign.members()) {
            mailboxes.check(member.thingKey(), false, Optional.empty(), clock.instant());
            mailboxes.ack(member.thingKey(), member.mailboxId(), 0, Optional.empty(), Optional.empty(),
                    clock.instant());
        }
    }

    private List<String> trash() throws Exception {
        Path trash = data.resolve("trash");
        try (var entries = Files.list(trash)) {
            return entries.map(p -> p.getFileName().toString()).toList();
        }
    }

    @Test
    void deleteThing_isRefusedWhileADraftOrRunningCampaignHasIt_andAllowedOnceItIsFinished() {
        Campaign draft = campaigns.create("draft", "acme-config.sup", List.of("gw-1"), 600);
        Campaign running = campaigns.create("running", "acme-config.sup", List.of("gw-1", "gw-2"), 600);
        campaigns.start(running.id());

        assertThatThrownBy(() -> deletions.deleteThing("gw-1")).isInstanceOf(RefusedException.class)
                .hasMessage("thing gw-1 is a member of campaign(s) not finished: C0001, C0002 (cancel them or let "
                        + "them complete first)");
        assertThat(things.exists("gw-1")).isTrue();

        campaigns.cancel(draft.id());
        completeEveryMember(running);
        deletions.deleteThing("gw-1");

        assertThat(things.exists("gw-1")).isFalse();
    }

    @Test
    void deleteThing_keepsTheMailboxAndLogThatAFinishedCampaignsRecordsAreReadFrom() {
        Campaign campaign = campaigns.create("done", "acme-config.sup", List.of("gw-1"), 600);
        campaigns.start(campaign.id());
        completeEveryMember(campaign);
        new Telemetry(data).log("gw-1", new LogLine(clock.instant(), Optional.empty(), Optional.of(2), "installed",
                Optional.of(campaign.members().get(0).mailboxId())));

        deletions.deleteThing("gw-1");

        MemberRecord record = campaigns.status(campaign.id()).orElseThrow().members().get(0);
        assertThat(record.result()).contains(MemberRecord.SUCCESS);
        assertThat(record.log()).extracting(LogLine::msg).containsExactly("installed");
        assertThat(new DisconnectSpool(data).drain()).containsExactly("app-1");
    }

    @Test
    void deleteThing_inNoCampaignRemovesEverythingOfIt_andNothingOfAnother() throws Exception {
        FileStore.thingFiles(data, "gw-1", clock).upload(Files.write(dir.resolve("gw.conf"), new byte[] {7}));
        new Telemetry(data).log("gw-1", new LogLine(clock.instant(), Optional.empty(), Optional.of(2), "hello",
                Optional.empty()));
        new NotifySpool(data).request("gw-1");
        new NotifySpool(data).request("gw-2");

        Thing deleted = deletions.deleteThing("gw-1");

        assertThat(deleted.appId()).isEqualTo("app-1");
        assertThat(things.find("gw-1")).isEmpty();
        assertThat(data.resolve("files/things/gw-1")).doesNotExist();
        assertThat(data.resolve("telemetry/gw-1")).doesNotExist();
        assertThat(data.resolve("mailboxes/gw-1.json")).doesNotExist();
        assertThat(new NotifySpool(data).drain()).containsExactly("gw-2");
        assertThat(things.exists("gw-2")).isTrue();
        assertThat(trash()).isEmpty();
        assertThatThrownBy(() -> deletions.deleteThing("gw-1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("KEY: no thing 'gw-1'");
    }

    @Test
    void deleteDeveloperFile_isRefusedWhileARunningCampaignSendsIt_thenRemovesMetadataAndBytes() throws Exception {
        FileStore store = FileStore.developerFiles(data, clock);
        Path bytes = store.bytes(store.find("acme-config.sup").orElseThrow());
        Campaign campaign = campaigns.create("running", "acme-config.sup", List.of("gw-1"), 600);
        campaigns.start(campaign.id());

        assertThatThrownBy(() -> deletions.deleteDeveloperFile("acme-config.sup"))
                .isInstanceOf(RefusedException.class)
                .hasMessage("file acme-config.sup is sent by campaign(s) not finished: C0001 (cancel them or let "
                        + "them complete first)");

        completeEveryMember(campaign);
        deletions.deleteDeveloperFile("acme-config.sup");

        assertThat(store.find("acme-config.sup")).isEmpty();
        assertThat(bytes).doesNotExist();
        assertThat(trash()).isEmpty();
        assertThat(campaigns.status(campaign.id()).orElseThrow().state()).isEqualTo(CampaignStatus.COMPLETED);
        assertThatThrownBy(() -> campaigns.create("again", "acme-config.sup", List.of("gw-1"), 600))
                .hasMessageContaining("file: no Developer File named 'acme-config.sup'");
    }

    @Test
    void removalCutShortAfterItsCommit_isFinishedBeforeTheKeyIsAddedAgain() throws Exception {
        mailboxes.send(List.of(MailboxItem.queued("M1", "gw-1", Optional.empty(), "m",
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), -1, clock.instant())));
        // What Removal.remove leaves when the process dies right after the commit's rename.
        Path entry = Files.createDirectories(data.resolve("trash").resolve("cut-short"));
        data.write(entry.resolve("plan.json"), new Removal.Plan("things/gw-1.json",
                List.of("files/things/gw-1", "notify/gw-1", "mailboxes/gw-1.json", "telemetry/gw-1")));
        Files.move(data.resolve("things/gw-1.json"), entry.resolve("0"), StandardCopyOption.ATOMIC_MOVE);
        assertThat(things.exists("gw-1")).as("gone from the commit on").isFalse();

        things.put("gw-1", "new-token", "new-app");

        assertThat(mailboxes.mailbox("gw-1").messages()).as("the old thing's mailbox went with it").isEmpty();
        assertThat(things.find("gw-1").orElseThrow().appId()).isEqualTo("new-app");
        assertThat(trash()).isEmpty();
    }

    @Test
    void removalCutShortBeforeItsCommit_leavesTheThingAsItWas() throws Exception {
        Path entry = Files.createDirectories(data.resolve("trash").resolve("cut-short"));
        data.write(entry.resolve("plan.json"), new Removal.Plan("things/gw-1.json", List.of("mailboxes/gw-1.json")));

        data.finishPendingRemovals();

        assertThat(things.find("gw-1").orElseThrow().token()).isEqualTo("token-1");
        assertThat(trash()).isEmpty();
    }
}
