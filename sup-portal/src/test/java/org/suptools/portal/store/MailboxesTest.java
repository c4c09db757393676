package org.suptools.portal.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.portal.MutableClock;

class MailboxesTest {

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.startingAt("2026-03-01T10:00:00Z");

    private Mailboxes mailboxes() {
        return new Mailboxes(new DataDir(dir));
    }

    private MailboxItem message(String id, String thing) {
        return MailboxItem.queued(id, thing, Optional.of("C0001"), "gateway.sup.update",
                JsonNodeFactory.instance.objectNode().put("name", "acme"), -1, clock.instant());
    }

    @Test
    void check_handsOutNewMessagesOnceAndPutsThemInFlight() {
        Mailboxes mailboxes = mailboxes();
        mailboxes.send(List.of(message("M1", "gw-1"), message("M2", "gw-1"), message("M3", "gw-2")));
        clock.advance(Duration.ofSeconds(5));

        List<MailboxItem> first = mailboxes.check("gw-1", false, Optional.empty(), clock.instant());

        assertThat(first).extracting(MailboxItem::id).containsExactly("M1", "M2");
        assertThat(first).allSatisfy(m -> {
            assertThat(m.state()).isEqualTo(MailboxState.IN_FLIGHT);
            assertThat(m.checkedOn()).contains(Instant.parse("2026-03-01T10:00:05Z"));
        });
        assertThat(mailboxes.check("gw-1", false, Optional.empty(), clock.instant())).isEmpty();
        assertThat(mailboxes.find("gw-2", "M3").orElseThrow().state()).isEqualTo(MailboxState.NEW);
    }

    @Test
    void check_respectsTheLimitAndKeepsTheRestForTheNextCheck() {
        Mailboxes mailboxes = mailboxes();
        mailboxes.send(List.of(message("M1", "gw-1"), message("M2", "gw-1")));

        assertThat(mailboxes.check("gw-1", false, Optional.of(1), clock.instant())).extracting(MailboxItem::id)
                .containsExactly("M1");
        assertThat(mailboxes.check("gw-1", false, Optional.of(1), clock.instant())).extracting(MailboxItem::id)
                .containsExactly("M2");
    }

    @Test
    void check_withAutoCompleteCompletesWithCodeZero() {
        Mailboxes mailboxes = mailboxes();
        mailboxes.send(List.of(message("M1", "gw-1")));

        MailboxItem item = mailboxes.check("gw-1", true, Optional.empty(), clock.instant()).get(0);

        assertThat(item.state()).isEqualTo(MailboxState.COMPLETED);
        assertThat(item.errorCode()).contains(0);
    }

    @Test
    void send_twiceWithTheSameIdQueuesOneMessage() {
        Mailboxes mailboxes = mailboxes();
        mailboxes.send(List.of(message("M1", "gw-1")));
        mailboxes.send(List.of(message("M1", "gw-1")));

        assertThat(mailboxes.mailbox("gw-1").messages()).hasSize(1);
    }

    @Test
    void ack_completesOnceAndASecondAckChangesNothing() {
        Mailboxes mailboxes = mailboxes();
        mailboxes.send(List.of(message("M1", "gw-1")));
        mailboxes.check("gw-1", false, Optional.empty(), clock.instant());
        clock.advance(Duration.ofSeconds(30));

        MailboxOutcome first = mailboxes.ack("gw-1", "M1", -90110, Optional.of("action 2 failed"), Optional.empty(),
                clock.instant());
        clock.advance(Duration.ofSeconds(30));
        MailboxOutcome second = mailboxes.ack("gw-1", "M1", 0, Optional.empty(), Optional.empty(), clock.instant());

        assertThat(first).isInstanceOf(MailboxOutcome.Done.class);
        assertThat(second).isInstanceOf(MailboxOutcome.AlreadyCompleted.class);
        MailboxItem stored = mailboxes.find("gw-1", "M1").orElseThrow();
        assertThat(stored.state()).isEqualTo(MailboxState.COMPLETED);
        assertThat(stored.errorCode()).contains(-90110);
        assertThat(stored.errorMessage()).contains("action 2 failed");
        assertThat(stored.completedOn()).contains(Instant.parse("2026-03-01T10:00:30Z"));
    }

    @Test
    void ack_ofAnotherThingsMessageIsNotFoundAndLeavesItAlone() {
        Mailboxes mailboxes = mailboxes();
        mailboxes.send(List.of(message("M1", "gw-1")));

        assertThat(mailboxes.ack("gw-2", "M1", 0, Optional.empty(), Optional.empty(), clock.instant()))
                .isEqualTo(new MailboxOutcome.NotFound("M1"));
        assertThat(mailboxes.find("gw-1", "M1").orElseThrow().state()).isEqualTo(MailboxState.NEW);
    }

    @Test
    void update_keepsProgressUntilCompletedThenRefuses() {
        Mailboxes mailboxes = mailboxes();
        mailboxes.send(List.of(message("M1", "gw-1")));
        mailboxes.check("gw-1", false, Optional.empty(), clock.instant());

        assertThat(mailboxes.update("gw-1", "M1", "downloading 50%", clock.instant()))
                .isInstanceOf(MailboxOutcome.Done.class);
        mailboxes.ack("gw-1", "M1", 0, Optional.empty(), Optional.empty(), clock.instant());

        assertThat(mailboxes.update("gw-1", "M1", "late", clock.instant()))
                .isInstanceOf(MailboxOutcome.AlreadyCompleted.class);
        assertThat(mailboxes.find("gw-1", "M1").orElseThrow().progress()).extracting(MailboxItem.Progress::msg)
                .containsExactly("downloading 50%");
    }

    @Test
    void check_skipsAMessageWhoseTtlRanOutButWaitsForeverWithTtlMinusOne() {
        Mailboxes mailboxes = mailboxes();
        MailboxItem shortLived = MailboxItem.queued("M1", "gw-1", Optional.empty(), "m",
                JsonNodeFactory.instance.objectNode(), 60, clock.instant());
        mailboxes.send(List.of(shortLived, message("M2", "gw-1")));
        clock.advance(Duration.ofDays(30));

        assertThat(mailboxes.check("gw-1", false, Optional.empty(), clock.instant())).extracting(MailboxItem::id)
                .containsExactly("M2");
    }

    @Test
    void messages_surviveANewStoreOnTheSameDirectory() {
        mailboxes().send(List.of(message("M1", "gw-1")));
        mailboxes().check("gw-1", false, Optional.empty(), clock.instant());

        assertThat(mailboxes().find("gw-1", "M1").orElseThrow().state()).isEqualTo(MailboxState.IN_FLIGHT);
    }
}
