package org.suptools.portal.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.portal.files.Fault;
import org.suptools.portal.server.PortalServer;
import org.suptools.portal.server.ServeOptions;
import org.suptools.portal.store.Campaign;
import org.suptools.portal.store.Campaigns;
import org.suptools.portal.store.DataDir;
import org.suptools.portal.store.MemberRecord;
import org.suptools.tr50.FileGet;
import org.suptools.tr50.FileGetResult;
import org.suptools.tr50.MailboxAck;
import org.suptools.tr50.MailboxCheck;
import org.suptools.tr50.PortalErrorCodes;
import org.suptools.tr50.RequestId;
import org.suptools.tr50.Tr50Request;
import org.suptools.tr50.Tr50Result;

/** The faults a client's tests use, on the embedded broker: what each does on the wire. */
class PortalFaultsTest {

    @TempDir
    static Path work;

    private static PortalServer server;
    private static byte[] content;

    @BeforeAll
    static void serveWithFaults() throws Exception {
        content = WireScenarios.seed(work.resolve("data"), work);
        ServeOptions defaults = ServeOptions.defaults(work.resolve("data"));
        server = PortalServer.start(new ServeOptions(defaults.data(), Optional.empty(), "127.0.0.1", 0, 0, "sup",
                EnumSet.of(Fault.DROP_CONNECTION, Fault.TRUNCATE_DOWNLOAD), 1 << 20, Duration.ofSeconds(300)),
                Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void truncateDownload_cutsTheFirstDownloadInHalfAndARangedResumeCompletesIt() throws Exception {
        try (TestThing gw = TestThing.connect(server.mqttUri(), "sup", "gw-2", "app-2", "token-2").subscribeOwn()) {
            HttpClient http = HttpClient.newHttpClient();
            FileGetResult first = fileGet(gw);
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            try (InputStream in = http.send(HttpRequest.newBuilder(server.httpUri().resolve("/file/" + first.fileId()))
                    .build(), HttpResponse.BodyHandlers.ofInputStream()).body()) {
                assertThatThrownBy(() -> in.transferTo(received)).isInstanceOf(IOException.class);
            }
            // The server stops after half; the client may lose what it had buffered when the connection broke.
            assertThat(received.size()).isPositive().isLessThanOrEqualTo(content.length / 2);

            FileGetResult second = fileGet(gw);
            HttpResponse<byte[]> rest = http.send(HttpRequest.newBuilder(server.httpUri().resolve("/file/"
                    + second.fileId())).header("Range", "bytes=" + received.size() + "-").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            received.write(rest.body());

            assertThat(rest.statusCode()).isEqualTo(206);
            assertThat(WireScenarios.crc(received.toByteArray())).isEqualTo(second.crc32());
        }
    }

    @Test
    void dropConnection_recordsTheFirstAckDropsTheThingAndTheResentAckMeetsAlreadyCompleted() throws Exception {
        Campaigns campaigns = new Campaigns(new DataDir(work.resolve("data")), Clock.systemUTC());
        Campaign campaign = campaigns.create("faulty", "acme-config.sup", List.of("gw-1"), 60);
        campaigns.start(campaign.id());
        String mailboxId = campaign.members().get(0).mailboxId();
        MailboxAck ack = new MailboxAck(mailboxId, -90110, Optional.of("action 2 failed"), Optional.empty());

        try (TestThing gw = TestThing.connect(server.mqttUri(), "sup", "gw-1", "app-1", "token-1").subscribeOwn()) {
            gw.request(Tr50Request.of(MailboxCheck.manualCompletion()));
            assertThatThrownBy(() -> gw.request(Tr50Request.of(ack))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("dropped the connection");
        }
        try (TestThing again = TestThing.connect(server.mqttUri(), "sup", "gw-1", "app-1", "token-1").subscribeOwn()) {
            Tr50Result resent = again.request(Tr50Request.of(ack)).result(RequestId.of(1)).orElseThrow();

            assertThat(((Tr50Result.Failure) resent).errorCodes())
                    .containsExactly(PortalErrorCodes.MAILBOX_MESSAGE_COMPLETED);
        }
        MemberRecord member = campaigns.status(campaign.id()).orElseThrow().members().get(0);
        assertThat(member.status()).isEqualTo(MemberRecord.COMPLETED);
        assertThat(member.result()).contains(MemberRecord.FAILURE);
        assertThat(member.errorCode()).contains(-90110);
        assertThat(member.errorMessage()).contains("action 2 failed");
    }

    private static FileGetResult fileGet(TestThing gw) throws Exception {
        return FileGetResult.read(WireScenarios.success(gw.request(Tr50Request.of(FileGet.global("acme-config.sup"))))
                .params());
    }
}
