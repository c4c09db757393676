package org.suptools.tr50;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Both sides of one campaign step over a shared broker, through this module alone: the portal
 * notifies, the gateway checks its mailbox on a deflated request, the portal answers with a
 * {@code gateway.sup.update}, the gateway asks for the file, the portal does not have it, and the
 * gateway acks the message with the reason.
 */
class CampaignExchangeTest {

    private final Topics gateway = Topics.perThing("fleet1", "gw-1");
    private final Topics portal = Topics.perThing("fleet1", "gw-1");

    @Test
    void campaignStep_gatewayAndPortalUnderstandEachOther() throws Tr50Exception {
        // The portal tells the gateway its mailbox has work.
        Message notice = new Message(portal.mailboxActivity(),
                Tr50Codec.compact(new MailboxActivity(Optional.of("s-1"), Optional.of("gw-1"))));
        assertThat(gateway.parse(notice.topic())).isEqualTo(new Topic.Notify(MailboxActivity.NAME));
        assertThat(Tr50Codec.readMailboxActivity(notice.payload()).thingKey()).contains("gw-1");

        // The gateway checks its mailbox, deflated.
        TopicNumber counter = TopicNumber.of(1);
        Message check = new Message(gateway.apiz(counter),
                Deflate.compress(Tr50Codec.compact(Tr50Request.of(MailboxCheck.manualCompletion()))));

        // The portal reads it and answers on the reply topic of the same number.
        Topic.Request received = (Topic.Request) portal.parse(check.topic());
        IncomingRequest incoming = Tr50Codec.readIncoming(Deflate.decompress(check.payload(), Deflate.DEFAULT_MAX_INFLATED));
        MailboxMessage campaignMessage = new MailboxMessage("M-8812", Optional.of("gw-1"),
                MethodExec.of(new GatewaySupUpdate("acme-config-1.4.0", Optional.of(1200),
                        Params.builder().put("campaignId", "C-2026-11").build())));
        Tr50Response checked = incoming.answer(
                command -> command instanceof MailboxCheck
                        ? Tr50Result.success(new MailboxCheckResult(List.of(campaignMessage)).toParams())
                        : Tr50Result.failure(-1, "unexpected"),
                problem -> Tr50Result.failure(-1, problem));
        Message reply = new Message(portal.name(received.reply()), Deflate.compress(Tr50Codec.compact(checked)));

        // The gateway ties the reply to its request and finds the campaign's method.
        assertThat(gateway.parse(reply.topic())).isEqualTo(new Topic.Reply(counter, true));
        Tr50Response response = Tr50Codec.readResponse(Deflate.decompress(reply.payload(), Deflate.DEFAULT_MAX_INFLATED));
        Tr50Result.Success success = (Tr50Result.Success) response.result(RequestId.of(1)).orElseThrow();
        MailboxMessage message = MailboxCheckResult.read(success.params()).messages().get(0);
        MethodExec exec = (MethodExec) message.command();
        assertThat(exec.method()).isEqualTo(GatewaySupUpdate.METHOD);
        GatewaySupUpdate update = GatewaySupUpdate.read(exec.params());
        assertThat(update.others().get("campaignId")).isPresent();

        // It reports progress and asks for the file; the portal has no such file.
        counter = counter.next();
        Tr50Request fetch = Tr50Request.of(List.of(
                new MailboxUpdate(message.id(), "fetching " + update.fileName()),
                FileGet.global(update.fileName())));
        Message fetchMessage = new Message(gateway.api(counter), Tr50Codec.compact(fetch));
        Topic.Request fetchTopic = (Topic.Request) portal.parse(fetchMessage.topic());
        Tr50Response fetched = Tr50Codec.readIncoming(fetchMessage.payload()).answer(
                command -> command instanceof FileGet get
                        ? Tr50Result.failure(PortalErrorCodes.FILE_NOT_FOUND, "SUP '" + get.fileName() + "' not found.")
                        : Tr50Result.success(),
                problem -> Tr50Result.failure(-1, problem));
        Message fetchReply = new Message(portal.name(fetchTopic.reply()), Tr50Codec.compact(fetched));

        // The gateway sees which command failed and acks the mailbox message with the reason.
        assertThat(gateway.parse(fetchReply.topic())).isEqualTo(new Topic.Reply(TopicNumber.of(2), false));
        Tr50Response fetchResponse = Tr50Codec.readResponse(fetchReply.payload());
        assertThat(fetchResponse.result(RequestId.of(1))).contains(Tr50Result.success());
        Tr50Result.Failure missing = (Tr50Result.Failure) fetchResponse.result(RequestId.of(2)).orElseThrow();
        assertThat(missing.hasCode(PortalErrorCodes.FILE_NOT_FOUND)).isTrue();
        MailboxAck ack = new MailboxAck(message.id(), AckCodes.NOT_FOUND, Optional.of(missing.describe()), Optional.empty());

        Tr50Command sent = Tr50Codec.readRequest(Tr50Codec.compact(Tr50Request.of(ack))).command(RequestId.of(1))
                .orElseThrow();
        assertThat(sent).isEqualTo(new MailboxAck("M-8812", 12,
                Optional.of("-90008 SUP 'acme-config-1.4.0.sup' not found."), Optional.empty()));
        assertThat(AckCodes.describe(((MailboxAck) sent).errorCode())).isEqualTo("not found");
    }

    private record Message(String topic, byte[] payload) {
    }
}
