package org.suptools.portal.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;
import org.suptools.portal.store.CampaignStatus;
import org.suptools.portal.store.Campaign;
import org.suptools.portal.store.Campaigns;
import org.suptools.portal.store.DataDir;
import org.suptools.portal.store.FileStore;
import org.suptools.portal.store.MemberRecord;
import org.suptools.portal.store.Telemetry;
import org.suptools.portal.store.Things;
import org.suptools.tr50.FileGet;
import org.suptools.tr50.FileGetResult;
import org.suptools.tr50.GatewaySupUpdate;
import org.suptools.tr50.LogLevel;
import org.suptools.tr50.LogPublish;
import org.suptools.tr50.MailboxAck;
import org.suptools.tr50.MailboxCheck;
import org.suptools.tr50.MailboxCheckResult;
import org.suptools.tr50.MailboxMessage;
import org.suptools.tr50.MethodExec;
import org.suptools.tr50.Params;
import org.suptools.tr50.PortalErrorCodes;
import org.suptools.tr50.RequestId;
import org.suptools.tr50.Tr50Request;
import org.suptools.tr50.Tr50Response;
import org.suptools.tr50.Tr50Result;

/**
 * The scenarios every broker the portal runs on must pass: the embedded one and mosquitto with the ACL
 * and password files the portal writes.
 */
final class WireScenarios {

    static final String BASE = "sup";
    static final int SUP_SIZE = 300_000;

    private WireScenarios() {
    }

    /** A data directory with things gw-1 and gw-2 and a Developer File acme-config.sup; returns its bytes. */
    static byte[] seed(Path data, Path work) throws Exception {
        DataDir dir = new DataDir(data);
        Things things = new Things(dir, Clock.systemUTC());
        things.put("gw-1", "token-1", "app-1");
        things.put("gw-2", "token-2", "app-2");
        byte[] content = new byte[SUP_SIZE];
        new java.util.Random(7).nextBytes(content);
        Path sup = Files.write(work.resolve("acme-config.sup"), content);
        FileStore.developerFiles(dir, Clock.systemUTC()).upload(sup);
        return content;
    }

    /**
     * What a broker enforces beyond the token and the topics: the embedded one also checks the client id
     * (the app id) and refuses a SUBSCRIBE outside the thing's topics; mosquitto grants that SUBSCRIBE
     * and delivers nothing on it, and has no way to tie a client id to a user.
     */
    enum Broker {
        EMBEDDED(true, true),
        MOSQUITTO(false, false);

        final boolean checksAppId;
        final boolean refusesForeignSubscriptions;

        Broker(boolean checksAppId, boolean refusesForeignSubscriptions) {
            this.checksAppId = checksAppId;
            this.refusesForeignSubscriptions = refusesForeignSubscriptions;
        }
    }

    static void wrongTokenIsRefusedAtConnect(URI broker, Broker kind) {
        assertThatThrownBy(() -> TestThing.connect(broker, BASE, "gw-1", "app-1", "not-the-token"))
                .isInstanceOf(com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException.class);
        if (kind.checksAppId) {
            assertThatThrownBy(() -> TestThing.connect(broker, BASE, "gw-1", "app-2", "token-1"))
                    .isInstanceOf(com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException.class);
        }
        assertThatThrownBy(() -> TestThing.connect(broker, BASE, "gw-9", "app-9", "token-1"))
                .isInstanceOf(com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException.class);
    }

    /**
     * gw-1 cannot read gw-2's messages: a SUBSCRIBE to gw-2's topics or to all of them is refused, or
     * (mosquitto) granted and never delivers, shown by gw-2's reply published before gw-1's own and never
     * reaching gw-1. Nor can gw-1 publish as gw-2: an attribute it publishes on gw-2's request topic never
     * reaches gw-2's record, while its own request, sent after it on the same connection and so handled
     * after it (MQTT keeps one publisher's order), is answered.
     */
    static void thingCannotReachAnotherThingsTopics(URI broker, Path data, Broker kind) throws Exception {
        try (TestThing one = TestThing.connect(broker, BASE, "gw-1", "app-1", "token-1").subscribeOwn();
             TestThing two = TestThing.connect(broker, BASE, "gw-2", "app-2", "token-2").subscribeOwn()) {
            for (String foreign : List.of("sup/gw-2/reply/#", "sup/#", "sup/+/notify/#", "#")) {
                boolean granted = true;
                try {
                    one.subscribe(foreign);
                } catch (Exception refused) {
                    granted = false;
                }
                assertThat(granted).as("SUBSCRIBE %s granted", foreign).isEqualTo(!kind.refusesForeignSubscriptions);
            }
            assertThat(two.request(Tr50Request.of(MailboxCheck.manualCompletion())).results().values())
                    .allMatch(Tr50Result::succeeded);
            assertThat(one.request(Tr50Request.of(MailboxCheck.manualCompletion())).results().values())
                    .allMatch(Tr50Result::succeeded);
            assertThat(one.seenTopics()).as("what gw-1 received").allMatch(topic -> topic.startsWith("sup/gw-1/"))
                    .contains("sup/gw-1/reply/0001");

            if (one.tryPublish("sup/gw-2/api/0001", SPOOFED_ATTRIBUTE)) {
                Tr50Response own = one.request(Tr50Request.of(MailboxCheck.manualCompletion()));
                assertThat(own.result(RequestId.of(1)).orElseThrow().succeeded()).isTrue();
            } else {
                // Refused in the PUBACK or by a DISCONNECT (HiveMQ): the broker routed it nowhere.
                try (TestThing again = TestThing.connect(broker, BASE, "gw-1", "app-1", "token-1").subscribeOwn()) {
                    Tr50Response own = again.request(Tr50Request.of(MailboxCheck.manualCompletion()));
                    assertThat(own.result(RequestId.of(1)).orElseThrow().succeeded()).isTrue();
                }
            }
            assertThat(new Telemetry(new DataDir(data)).attributes("gw-2")).doesNotContainKey("spoofed");
        }
    }

    private static final byte[] SPOOFED_ATTRIBUTE =
            "{\"1\":{\"command\":\"attribute.publish\",\"params\":{\"key\":\"spoofed\",\"value\":\"x\"}}}"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);

    /**
     * A campaign over gw-1: the notice, mailbox.check, file.get, a download cut short and resumed with a
     * new file id and Range, log.publish, mailbox.ack completing the member record; a second ack changes
     * nothing.
     */
    static void campaignRoundTrip(URI broker, URI http, Path data, byte[] content) throws Exception {
        Campaigns campaigns = new Campaigns(new DataDir(data), Clock.systemUTC());
        try (TestThing gw = TestThing.connect(broker, BASE, "gw-1", "app-1", "token-1").subscribeOwn()) {
            Campaign campaign = campaigns.create("rollout", "acme-config.sup", List.of("gw-1"), 900);
            String mailboxId = campaign.members().get(0).mailboxId();
            campaigns.start(campaign.id());

            assertThat(gw.awaitMailboxActivity().thingKey()).contains("gw-1");
            Tr50Response checked = gw.request(Tr50Request.of(MailboxCheck.manualCompletion()));
            List<MailboxMessage> messages = MailboxCheckResult.read(success(checked).params()).messages();
            assertThat(messages).hasSize(1);
            MailboxMessage message = messages.get(0);
            assertThat(message.id()).isEqualTo(mailboxId);
            assertThat(message.thingKey()).contains("gw-1");
            MethodExec exec = (MethodExec) message.command();
            assertThat(exec.method()).isEqualTo(GatewaySupUpdate.METHOD);
            assertThat(GatewaySupUpdate.read(exec.params())).isEqualTo(new GatewaySupUpdate("acme-config",
                    Optional.of(900), Params.builder().put("campaignId", campaign.id()).build()));
            assertThat(campaigns.status(campaign.id()).orElseThrow().members().get(0).status())
                    .isEqualTo(MemberRecord.IN_PROGRESS);

            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            FileGetResult first = FileGetResult.read(success(gw.request(Tr50Request.of(
                    FileGet.global("acme-config.sup")))).params());
            assertThat(first.fileSize()).isEqualTo(content.length);
            assertThat(first.crc32()).isEqualTo(crc(content));
            HttpResponse<byte[]> part = client.send(HttpRequest.newBuilder(http.resolve("/file/" + first.fileId()))
                    .header("Range", "bytes=0-99999").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(part.statusCode()).isEqualTo(206);
            HttpResponse<byte[]> reused = client.send(HttpRequest.newBuilder(http.resolve("/file/" + first.fileId()))
                    .header("Range", "bytes=100000-").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(reused.statusCode()).as("a file id is single-use").isEqualTo(404);
            FileGetResult second = FileGetResult.read(success(gw.request(Tr50Request.of(
                    FileGet.global("acme-config.sup")))).params());
            HttpResponse<byte[]> rest = client.send(HttpRequest.newBuilder(http.resolve("/file/" + second.fileId()))
                    .header("Range", "bytes=100000-").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(rest.statusCode()).isEqualTo(206);
            byte[] whole = new byte[content.length];
            System.arraycopy(part.body(), 0, whole, 0, part.body().length);
            System.arraycopy(rest.body(), 0, whole, 100_000, rest.body().length);
            assertThat(crc(whole)).isEqualTo(second.crc32());

            Tr50Response acked = gw.request(Tr50Request.of(List.of(
                    new LogPublish(Optional.empty(), Optional.empty(), "SUP acme-config 1.4.0: action 1/1 succeeded",
                            Optional.of(LogLevel.INFO), Optional.of(mailboxId)),
                    new MailboxAck(mailboxId, 0, Optional.of(""), Optional.of(Params.builder()
                            .put("status", "success").build())))));
            assertThat(acked.results().values()).allMatch(Tr50Result::succeeded);
            Tr50Response again = gw.request(Tr50Request.of(new MailboxAck(mailboxId, 19, Optional.of("late"),
                    Optional.empty())));
            Tr50Result.Failure refused = (Tr50Result.Failure) again.result(RequestId.of(1)).orElseThrow();
            assertThat(refused.errorCodes()).containsExactly(PortalErrorCodes.MAILBOX_MESSAGE_COMPLETED);

            CampaignStatus status = campaigns.status(campaign.id()).orElseThrow();
            MemberRecord member = status.members().get(0);
            assertThat(status.state()).isEqualTo(CampaignStatus.COMPLETED);
            assertThat(member.status()).isEqualTo(MemberRecord.COMPLETED);
            assertThat(member.result()).contains(MemberRecord.SUCCESS);
            assertThat(member.errorCode()).contains(0);
            assertThat(member.startedOn()).isPresent();
            assertThat(member.completedOn()).isPresent();
            assertThat(member.log()).extracting(l -> l.msg()).containsExactly(
                    "SUP acme-config 1.4.0: action 1/1 succeeded");
        }
    }

    static Tr50Result.Success success(Tr50Response response) {
        Tr50Result result = response.result(RequestId.of(1)).orElseThrow();
        assertThat(result).as("the reply %s", result).isInstanceOf(Tr50Result.Success.class);
        return (Tr50Result.Success) result;
    }

    static long crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }
}
