package org.suptools.portal.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.portal.server.PortalServer;
import org.suptools.portal.server.ServeOptions;
import org.suptools.portal.store.Deletions;
import org.suptools.portal.store.Things;
import org.suptools.tr50.FileGet;
import org.suptools.tr50.MailboxCheck;
import org.suptools.tr50.Params;
import org.suptools.tr50.PortalErrorCodes;
import org.suptools.tr50.RequestId;
import org.suptools.tr50.Tr50Request;
import org.suptools.tr50.Tr50Response;
import org.suptools.tr50.Tr50Result;
import org.suptools.tr50.UnknownCommand;

/** The portal on its embedded broker, with a small TR50 client written here. */
class PortalOnEmbeddedBrokerTest {

    @TempDir
    static Path work;

    private static PortalServer server;
    private static byte[] content;

    @BeforeAll
    static void serve() throws Exception {
        content = WireScenarios.seed(work.resolve("data"), work);
        server = PortalServer.start(ServeOptions.defaults(work.resolve("data")), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void connect_withAWrongTokenOrAppIdOrAnUnknownKeyIsRefused() {
        WireScenarios.wrongTokenIsRefusedAtConnect(server.mqttUri(), WireScenarios.Broker.EMBEDDED);
    }

    @Test
    void thing_cannotSubscribeToOrPublishOnAnotherThingsTopics() throws Exception {
        WireScenarios.thingCannotReachAnotherThingsTopics(server.mqttUri(), work.resolve("data"),
                WireScenarios.Broker.EMBEDDED);
    }

    @Test
    void campaign_mailboxCheckFileGetRangedDownloadAndAckCompleteTheMemberRecord() throws Exception {
        WireScenarios.campaignRoundTrip(server.mqttUri(), server.httpUri(), work.resolve("data"), content);
    }

    @Test
    void thingDelete_dropsItsOpenConnectionAndRefusesItsNextConnect() throws Exception {
        Things things = new Things(server.data(), Clock.systemUTC());
        things.put("gw-gone", "token-gone", "app-gone");
        try (TestThing gw = TestThing.connect(server.mqttUri(), "sup", "gw-gone", "app-gone", "token-gone")
                .subscribeOwn()) {
            new Deletions(server.data(), Clock.systemUTC()).deleteThing("gw-gone");

            // The server's poller drops the connection within its 200 ms tick; nothing else arrives meanwhile.
            assertThatThrownBy(() -> gw.await("sup/gw-gone/notify/mailbox_activity"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("dropped the connection");
        }
        assertThatThrownBy(() -> TestThing.connect(server.mqttUri(), "sup", "gw-gone", "app-gone", "token-gone"))
                .isInstanceOf(com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException.class);
    }

    @Test
    void fileGet_ofAMissingSupFailsWithMinus90008() throws Exception {
        try (TestThing gw = TestThing.connect(server.mqttUri(), "sup", "gw-2", "app-2", "token-2").subscribeOwn()) {
            Tr50Response response = gw.request(Tr50Request.of(FileGet.global("missing.sup")));

            Tr50Result.Failure failure = (Tr50Result.Failure) response.result(RequestId.of(1)).orElseThrow();
            assertThat(failure.errorCodes()).containsExactly(PortalErrorCodes.FILE_NOT_FOUND);
            assertThat(failure.errorMessages()).containsExactly("SUP 'missing.sup' not found.");
        }
    }

    @Test
    void deflatedRequest_isAnsweredDeflatedOnReplyz_andEachCommandUnderItsId() throws Exception {
        try (TestThing gw = TestThing.connect(server.mqttUri(), "sup", "gw-2", "app-2", "token-2").subscribeOwn()) {
            Tr50Response response = gw.request(Tr50Request.of(List.of(
                    new UnknownCommand("diag.ping", Params.empty()),
                    new MailboxCheck(Optional.of(false), Optional.of(5)))), true);

            Tr50Result.Failure unknown = (Tr50Result.Failure) response.result(RequestId.of(1)).orElseThrow();
            assertThat(unknown.errorCodes()).containsExactly(PortalErrorCodes.UNKNOWN_COMMAND);
            assertThat(response.result(RequestId.of(2)).orElseThrow().succeeded()).isTrue();
        }
    }

    @Test
    void malformedRequest_getsOneFailureUnderIdOne() throws Exception {
        try (TestThing gw = TestThing.connect(server.mqttUri(), "sup", "gw-2", "app-2", "token-2").subscribeOwn()) {
            gw.publish("sup/gw-2/api/0042", "not json".getBytes());

            Tr50Response reply = org.suptools.tr50.Tr50Codec.readResponse(
                    gw.await("sup/gw-2/reply/0042").getPayloadAsBytes());
            Tr50Result.Failure failure = (Tr50Result.Failure) reply.result(RequestId.of(1)).orElseThrow();
            assertThat(failure.errorCodes()).containsExactly(PortalErrorCodes.MALFORMED_REQUEST);
        }
    }

    @Test
    void oversizedRequest_isRefusedUnread() throws Exception {
        try (TestThing gw = TestThing.connect(server.mqttUri(), "sup", "gw-2", "app-2", "token-2").subscribeOwn()) {
            gw.publish("sup/gw-2/api/0043", new byte[RequestHandler.MAX_REQUEST_BYTES + 1]);

            Tr50Response reply = org.suptools.tr50.Tr50Codec.readResponse(
                    gw.await("sup/gw-2/reply/0043").getPayloadAsBytes());
            Tr50Result.Failure failure = (Tr50Result.Failure) reply.result(RequestId.of(1)).orElseThrow();
            assertThat(failure.errorCodes()).containsExactly(PortalErrorCodes.MALFORMED_REQUEST);
            assertThat(failure.errorMessages().get(0)).contains("more than the 1048576 the portal reads");
        }
    }
}
