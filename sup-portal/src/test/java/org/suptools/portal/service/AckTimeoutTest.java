package org.suptools.portal.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
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
import org.suptools.portal.store.MailboxItem;
import org.suptools.portal.store.Mailboxes;
import org.suptools.portal.store.MemberRecord;
import org.suptools.portal.store.Things;
import org.suptools.tr50.MailboxAck;
import org.suptools.tr50.MailboxCheck;
import org.suptools.tr50.MailboxUpdate;
import org.suptools.tr50.PortalErrorCodes;
import org.suptools.tr50.Tr50Result;

/** A member whose gateway takes its message and never answers fails when the campaign's timeout passes. */
class AckTimeoutTest {

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.startingAt("2026-03-01T10:00:00Z");
    /** Held here: the log manager keeps loggers only weakly, and a new one would miss the handler. */
    private final Logger serviceLog = Logger.getLogger(Tr50Service.class.getName());
    private final List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private DataDir data;
    private Campaigns campaigns;
    private Tr50Service service;
    private Campaign campaign;

    @BeforeEach
    void campaignOfTwoWithATimeoutOf600Seconds() throws Exception {
        serviceLog.addHandler(capture);
        data = new DataDir(dir.resolve("data"));
        new Things(data, clock).put("gw-1", "t1", "a1");
        new Things(data, clock).put("gw-2", "t2", "a2");
        FileStore.developerFiles(data, clock).upload(Files.write(dir.resolve("acme-config.sup"), new byte[] {1}));
        campaigns = new Campaigns(data, clock);
        campaign = campaigns.create("rollout", "acme-config.sup", List.of("gw-1", "gw-2"), 600);
        campaigns.start(campaign.id());
        service = new Tr50Service(data, clock, new FileIds(clock, FileIds.DEFAULT_LIFETIME));
    }

    @AfterEach
    void stopCapturing() {
        serviceLog.removeHandler(capture);
    }

    private String mailboxId(int member) {
        return campaign.members().get(member).mailboxId();
    }

    private MemberRecord record(int member) {
        return campaigns.status(campaign.id()).orElseThrow().members().get(member);
    }

    private void check(String thingKey) {
        assertThat(service.answer(thingKey, new MailboxCheck(Optional.of(false), Optional.empty())).succeeded())
                .isTrue();
    }

    @Test
    void start_sendsTheTimeoutAndMakesItTheMessagesAckTimeout() {
        MailboxItem item = new Mailboxes(data).find("gw-1", mailboxId(0)).orElseThrow();

        assertThat(item.params().get("timeout").asInt()).isEqualTo(600);
        assertThat(item.ackTimeout()).contains(600);
    }

    @Test
    void sweep_failsAMemberThatTookItsMessageAndSentNoAckWithinTheTimeout() {
        clock.advance(Duration.ofSeconds(30));
        check("gw-1");
        assertThat(record(0).ackDueBy()).contains(Instant.parse("2026-03-01T10:10:30Z"));

        clock.advance(Duration.ofSeconds(599));
        assertThat(service.deadlines().sweep()).isEmpty();
        assertThat(record(0).status()).isEqualTo(MemberRecord.IN_PROGRESS);

        clock.advance(Duration.ofSeconds(1));
        assertThat(service.deadlines().sweep()).extracting(MailboxItem::id).containsExactly(mailboxId(0));

        MemberRecord failed = record(0);
        assertThat(failed.status()).isEqualTo(MemberRecord.COMPLETED);
        assertThat(failed.result()).contains(MemberRecord.FAILURE);
        assertThat(failed.errorCode()).contains(PortalErrorCodes.NO_ANSWER_WITHIN_TIMEOUT);
        assertThat(failed.errorMessage()).contains("no answer within the timeout: the gateway took the message at "
                + "2026-03-01T10:00:30Z and sent no mailbox.ack within 600 s (10 min)");
        assertThat(failed.startedOn()).contains(Instant.parse("2026-03-01T10:00:30Z"));
        assertThat(failed.completedOn()).contains(Instant.parse("2026-03-01T10:10:30Z"));
        assertThat(failed.ackDueBy()).isEmpty();
        assertThat(record(1).status()).as("a message never handed out has no deadline").isEqualTo(MemberRecord.READY);
        assertThat(service.deadlines().sweep()).isEmpty();
    }

    @Test
    void lateAck_isAnsweredWithSuccessAndLoggedButLeavesTheRecord() {
        check("gw-1");
        clock.advance(Duration.ofSeconds(600));
        service.deadlines().sweep();
        clock.advance(Duration.ofSeconds(5));

        Tr50Result update = service.answer("gw-1", new MailboxUpdate(mailboxId(0), "installing"));
        Tr50Result ack = service.answer("gw-1", new MailboxAck(mailboxId(0), 0, Optional.of(""), Optional.empty()));

        assertThat(update.succeeded()).isTrue();
        assertThat(ack.succeeded()).isTrue();
        MemberRecord record = record(0);
        assertThat(record.result()).contains(MemberRecord.FAILURE);
        assertThat(record.errorCode()).contains(PortalErrorCodes.NO_ANSWER_WITHIN_TIMEOUT);
        assertThat(record.completedOn()).contains(Instant.parse("2026-03-01T10:10:00Z"));
        assertThat(record.progress()).isEmpty();
        assertThat(logged).anySatisfy(line -> assertThat(line).startsWith("late mailbox.ack of " + mailboxId(0)
                + " from gw-1 (code 0) acknowledged, record unchanged: the portal completed it at "
                + "2026-03-01T10:10:00Z with -91007"));
    }

    @Test
    void ackAfterTheDeadline_isLateEvenBeforeASweepRan() {
        check("gw-1");
        clock.advance(Duration.ofSeconds(600));

        Tr50Result ack = service.answer("gw-1", new MailboxAck(mailboxId(0), 0, Optional.of(""), Optional.empty()));

        assertThat(ack.succeeded()).isTrue();
        assertThat(record(0).errorCode()).contains(PortalErrorCodes.NO_ANSWER_WITHIN_TIMEOUT);
        assertThat(new Mailboxes(data).find("gw-1", mailboxId(0)).orElseThrow().errorCode())
                .as("written, not only shown").contains(PortalErrorCodes.NO_ANSWER_WITHIN_TIMEOUT);
    }

    @Test
    void ackWithinTheTimeout_completesTheRecordAsTheGatewaySaid_andNoSweepChangesIt() {
        check("gw-1");
        clock.advance(Duration.ofSeconds(599));
        service.answer("gw-1", new MailboxAck(mailboxId(0), 0, Optional.of(""), Optional.empty()));
        clock.advance(Duration.ofSeconds(10));

        assertThat(service.deadlines().sweep()).isEmpty();
        Tr50Result again = service.answer("gw-1", new MailboxAck(mailboxId(0), 0, Optional.of(""), Optional.empty()));

        assertThat(record(0).result()).contains(MemberRecord.SUCCESS);
        assertThat(((Tr50Result.Failure) again).errorCodes()).as("a resent ack still meets -91005")
                .containsExactly(PortalErrorCodes.MAILBOX_MESSAGE_COMPLETED);
    }

    @Test
    void status_showsAnOverdueMemberFailedWithoutASweep_soAStoppedPortalReportsTheSame() {
        check("gw-1");
        check("gw-2");
        service.answer("gw-2", new MailboxAck(mailboxId(1), 0, Optional.of(""), Optional.empty()));
        clock.advance(Duration.ofHours(2));

        CampaignStatus status = campaigns.status(campaign.id()).orElseThrow();

        assertThat(status.state()).isEqualTo(CampaignStatus.COMPLETED);
        assertThat(status.failed()).isEqualTo(1);
        assertThat(status.completedOn()).contains(Instant.parse("2026-03-01T10:10:00Z"));
    }

    @Test
    void restartedPortal_findsTheMessagesInFlightAndFailsThemOnTime() {
        check("gw-1");
        Tr50Service restarted = new Tr50Service(data, clock, new FileIds(clock, FileIds.DEFAULT_LIFETIME));
        clock.advance(Duration.ofSeconds(600));

        assertThat(restarted.deadlines().sweep()).extracting(MailboxItem::id).containsExactly(mailboxId(0));
    }
}
