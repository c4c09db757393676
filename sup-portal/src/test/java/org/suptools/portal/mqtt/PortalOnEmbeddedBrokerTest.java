package org.suptools.portal.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.suptools.portal.store.ApprovalOrder;
import org.suptools.portal.store.Campaign;
import org.suptools.portal.store.Campaigns;
import org.suptools.portal.store.Deletions;
import org.suptools.portal.store.MemberRecord;
import org.suptools.portal.store.StageApprovals;
import org.suptools.portal.store.Things;
import org.suptools.tr50.AttributePublish;
import org.suptools.tr50.FileGet;
import org.suptools.tr50.MailboxAck;
import org.suptools.tr50.MailboxCheckResult;
import org.suptools.tr50.MailboxMessage;
import org.suptools.tr50.MethodExec;
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
    void campaignApprove_reachesTheGatewayAsGatewaySupScheduleAndItsAckAndStateShowInTheStatusAndApi()
            throws Exception {
        Things things = new Things(server.data(), Clock.systemUTC());
        things.put("gw-staged", "token-staged", "app-staged");
        Campaigns campaigns = new Campaigns(server.data(), Clock.systemUTC());
        try (TestThing gw = TestThing.connect(server.mqttUri(), "sup", "gw-staged", "app-staged", "token-staged")
                .subscribeOwn()) {
            Campaign campaign = campaigns.create("staged", "acme-config.sup", List.of("gw-staged"), 900,
                    new StageApprovals(true, false));
            String updateId = campaign.members().get(0).mailboxId();
            campaigns.start(campaign.id());
            gw.awaitMailboxActivity();
            MethodExec update = onlyMessage(gw, updateId);
            assertThat(update.method()).isEqualTo("gateway.sup.update");
            assertThat(update.params().toJson().toString()).isEqualTo("{\"name\":\"acme-config\",\"timeout\":900,"
                    + "\"campaignId\":\"" + campaign.id() + "\",\"approval\":{\"download\":true,\"execution\":false}}");
            assertThat(gw.request(Tr50Request.of(new AttributePublish(Optional.empty(), "sup.update.state",
                    "{\"state\":\"WAITING_FOR_DOWNLOAD_APPROVAL\",\"mailboxId\":\"" + updateId + "\",\"campaignId\":\""
                            + campaign.id() + "\"}", Optional.empty()))).results().values())
                    .allMatch(Tr50Result::succeeded);

            ApprovalOrder download = campaigns.approve(campaign.id(), "download", 0, 0, List.of());
            gw.awaitMailboxActivity();
            MethodExec schedule = onlyMessage(gw, download.sentTo().get(0).mailboxId());
            assertThat(schedule.method()).isEqualTo("gateway.sup.schedule");
            assertThat(schedule.params().toJson().toString()).isEqualTo("{\"type\":\"download\",\"campaignId\":\""
                    + campaign.id() + "\",\"startTime\":0,\"endTime\":0}");
            assertThat(gw.request(Tr50Request.of(new MailboxAck(download.sentTo().get(0).mailboxId(), 0,
                    Optional.of("download approved now"), Optional.empty()))).results().values())
                    .allMatch(Tr50Result::succeeded);

            MemberRecord member = campaigns.status(campaign.id()).orElseThrow().members().get(0);
            assertThat(member.agentState().orElseThrow().state()).isEqualTo("WAITING_FOR_DOWNLOAD_APPROVAL");
            assertThat(member.approvals()).singleElement().satisfies(approval -> {
                assertThat(approval.errorCode()).contains(0);
                assertThat(approval.describe()).isEqualTo("download now: approved");
            });
            HttpResponse<String> api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.httpUri()
                    .resolve("/api/campaigns/" + campaign.id())).header("Authorization", "Bearer "
                    + java.nio.file.Files.readString(server.consoleTokenFile()).strip()).build(),
                    HttpResponse.BodyHandlers.ofString());
            com.fasterxml.jackson.databind.JsonNode served = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(api.body()).path("members").path(0);
            assertThat(served.path("agentState").path("state").asText()).isEqualTo("WAITING_FOR_DOWNLOAD_APPROVAL");
            assertThat(served.path("approvals").path(0).path("type").asText()).isEqualTo("download");
            assertThat(served.path("approvals").path(0).path("errorCode").asInt(-1)).isZero();
            assertThat(served.path("approvals").path(0).path("errorMessage").asText())
                    .isEqualTo("download approved now");
        }
    }

    /** The one message a manual mailbox check hands out, which must be the expected one. */
    private static MethodExec onlyMessage(TestThing gw, String expectedId) throws Exception {
        Tr50Response checked = gw.request(Tr50Request.of(MailboxCheck.manualCompletion()));
        List<MailboxMessage> messages = MailboxCheckResult.read(((Tr50Result.Success) checked
                .result(RequestId.of(1)).orElseThrow()).params()).messages();
        assertThat(messages).extracting(MailboxMessage::id).containsExactly(expectedId);
        return (MethodExec) messages.get(0).command();
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
