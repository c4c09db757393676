package org.suptools.portal.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.suptools.portal.files.FileIds;
import org.suptools.portal.store.Campaign;
import org.suptools.portal.store.CampaignStatus;
import org.suptools.portal.store.Campaigns;
import org.suptools.portal.store.DataDir;
import org.suptools.portal.store.FileStore;
import org.suptools.portal.store.MemberRecord;
import org.suptools.portal.store.Things;
import org.suptools.tr50.MailboxAck;
import org.suptools.tr50.MailboxCheck;
import org.suptools.tr50.MailboxCheckResult;
import org.suptools.tr50.PortalErrorCodes;
import org.suptools.tr50.Tr50Result;

/** {@code campaign cancel}: what is not completed fails, what is not delivered is withdrawn, late acks are late. */
class CampaignCancelTest {

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.startingAt("2026-03-01T10:00:00Z");
    private Campaigns campaigns;
    private Tr50Service service;

    @BeforeEach
    void portalWithThreeThings() throws Exception {
        DataDir data = new DataDir(dir.resolve("data"));
        for (String key : List.of("gw-1", "gw-2", "gw-3")) {
            new Things(data, clock).put(key, "token-" + key, "app-" + key);
        }
        FileStore.developerFiles(data, clock).upload(Files.write(dir.resolve("acme-config.sup"), new byte[] {1}));
        campaigns = new Campaigns(data, clock);
        service = new Tr50Service(data, clock, new FileIds(clock, FileIds.DEFAULT_LIFETIME));
    }

    private List<String> check(String thingKey) throws Exception {
        Tr50Result result = service.answer(thingKey, new MailboxCheck(Optional.of(false), Optional.empty()));
        return MailboxCheckResult.read(((Tr50Result.Success) result).params()).messages().stream()
                .map(m -> m.id()).toList();
    }

    private Tr50Result ack(String thingKey, String id, int code) {
        return service.answer(thingKey, new MailboxAck(id, code, Optional.of(""), Optional.empty()));
    }

    @Test
    void cancel_failsTheMembersNotCompleted_withdrawsWhatNoGatewayTook_andKeepsResults() throws Exception {
        Campaign campaign = campaigns.create("rollout", "acme-config.sup", List.of("gw-1", "gw-2", "gw-3"), 600);
        campaigns.start(campaign.id());
        String done = check("gw-1").get(0);
        ack("gw-1", done, 0);
        String installing = check("gw-2").get(0);
        clock.advance(Duration.ofSeconds(30));

        Campaigns.Cancellation cancellation = campaigns.cancel(campaign.id());

        assertThat(cancellation.withdrawn()).isEqualTo(1);
        assertThat(cancellation.stopped()).isEqualTo(1);
        assertThat(cancellation.alreadyCompleted()).isEqualTo(1);
        CampaignStatus status = campaigns.status(campaign.id()).orElseThrow();
        assertThat(status.state()).isEqualTo(CampaignStatus.CANCELLED);
        assertThat(status.cancelledOn()).contains(Instant.parse("2026-03-01T10:00:30Z"));
        assertThat(status.succeeded()).isEqualTo(1);
        assertThat(status.failed()).isEqualTo(2);
        assertThat(status.members().get(0).result()).contains(MemberRecord.SUCCESS);
        MemberRecord stopped = status.members().get(1);
        assertThat(stopped.status()).isEqualTo(MemberRecord.COMPLETED);
        assertThat(stopped.errorCode()).contains(PortalErrorCodes.CANCELLED);
        assertThat(stopped.errorMessage()).contains("cancelled: campaign C0001 was cancelled at 2026-03-01T10:00:30Z, "
                + "the gateway had taken the message at 2026-03-01T10:00:00Z; whatever it reports now does not change "
                + "this record");
        MemberRecord withdrawn = status.members().get(2);
        assertThat(withdrawn.errorCode()).contains(PortalErrorCodes.CANCELLED);
        assertThat(withdrawn.errorMessage()).contains("cancelled: campaign C0001 was cancelled at 2026-03-01T10:00:30Z,"
                + " withdrawn before the gateway took the message");
        assertThat(check("gw-3")).as("a withdrawn message is never handed out").isEmpty();

        Tr50Result lateAck = ack("gw-2", installing, 0);

        assertThat(lateAck.succeeded()).as("acknowledged on the wire, so the agent's outbox empties").isTrue();
        assertThat(campaigns.status(campaign.id()).orElseThrow().members().get(1).errorCode())
                .contains(PortalErrorCodes.CANCELLED);
        assertThat(service.deadlines().sweep()).as("a cancelled message has no deadline left").isEmpty();
    }

    @Test
    void cancel_ofADraftFailsEveryMember_andTheCampaignCannotBeStartedAfter() throws Exception {
        Campaign campaign = campaigns.create("rollout", "acme-config.sup", List.of("gw-1"), 600);

        campaigns.cancel(campaign.id());

        MemberRecord record = campaigns.status(campaign.id()).orElseThrow().members().get(0);
        assertThat(record.result()).contains(MemberRecord.FAILURE);
        assertThat(record.errorCode()).contains(PortalErrorCodes.CANCELLED);
        assertThat(record.completedOn()).contains(Instant.parse("2026-03-01T10:00:00Z"));
        assertThatThrownBy(() -> campaigns.start(campaign.id()))
                .hasMessage("ID: campaign C0001 was cancelled at 2026-03-01T10:00:00Z; it cannot be started");
        assertThat(check("gw-1")).isEmpty();
    }

    @Test
    void cancel_twiceChangesNothing_andACompletedCampaignIsRefused() throws Exception {
        Campaign first = campaigns.create("one", "acme-config.sup", List.of("gw-1"), 600);
        campaigns.start(first.id());
        campaigns.cancel(first.id());
        clock.advance(Duration.ofSeconds(5));
        Campaigns.Cancellation again = campaigns.cancel(first.id());
        Campaign second = campaigns.create("two", "acme-config.sup", List.of("gw-2"), 600);
        campaigns.start(second.id());
        ack("gw-2", check("gw-2").get(0), 0);

        assertThat(again.campaign().cancelledOn()).contains(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(again.withdrawn() + again.stopped() + again.alreadyCompleted()).isZero();
        assertThatThrownBy(() -> campaigns.cancel(second.id())).hasMessage("ID: campaign C0002 has completed (every "
                + "member has its result); there is nothing to cancel");
        assertThatThrownBy(() -> campaigns.cancel("C0404")).hasMessage("ID: no campaign 'C0404'");
    }

    @Test
    void cancel_keepsATimeoutThatCameFirst() throws Exception {
        Campaign campaign = campaigns.create("rollout", "acme-config.sup", List.of("gw-1", "gw-2"), 60);
        campaigns.start(campaign.id());
        check("gw-1");
        clock.advance(Duration.ofSeconds(61));

        campaigns.cancel(campaign.id());

        assertThat(campaigns.status(campaign.id()).orElseThrow().members().get(0).errorCode())
                .contains(PortalErrorCodes.NO_ANSWER_WITHIN_TIMEOUT);
    }
}
