package org.suptools.portal.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.portal.TestSups;
import org.suptools.portal.server.PortalServer;
import org.suptools.portal.server.ServeOptions;
import org.suptools.portal.store.DataDir;
import org.suptools.portal.store.FileStore;
import org.suptools.portal.store.Releases;
import org.suptools.portal.store.Things;
import org.suptools.tr50.Params;
import org.suptools.tr50.PortalErrorCodes;
import org.suptools.tr50.RequestId;
import org.suptools.tr50.Tr50Request;
import org.suptools.tr50.Tr50Response;
import org.suptools.tr50.Tr50Result;
import org.suptools.tr50.UpdateCheck;
import org.suptools.tr50.UpdateCheckResult;

/** {@code update.check} over the embedded broker: a fleet of gateways, each answered with its release. */
class UpdateCheckOnEmbeddedBrokerTest {

    @TempDir
    static Path work;

    private static PortalServer server;

    @BeforeAll
    static void serve() throws Exception {
        DataDir data = new DataDir(work.resolve("data"));
        Things things = new Things(data, Clock.systemUTC());
        FileStore files = FileStore.developerFiles(data, Clock.systemUTC());
        Releases releases = new Releases(data, Clock.systemUTC());
        for (String[] release : new String[][] {
            {"dw-firmware", "2.0.0", "product == \"dw-gateway\" && runtimeVersion >= \"1.2.0\""},
            {"dw-firmware", "1.3.0", "product == \"dw-gateway\" && runtimeVersion < \"1.2.0\""},
            {"edge-agent", "0.9.0", "product == \"edge-box\" && os in [\"linux\"]"}}) {
            files.upload(TestSups.write(work, release[0], release[1]));
            releases.publish(release[0] + "-" + release[1] + ".sup", release[2]);
        }
        for (int i = 1; i <= 4; i++) {
            things.put("gw-" + i, "token-" + i, "app-" + i);
        }
        server = PortalServer.start(ServeOptions.defaults(work.resolve("data")), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Tr50Result check(int gw, ObjectNode device) throws Exception {
        try (TestThing thing = TestThing.connect(server.mqttUri(), "sup", "gw-" + gw, "app-" + gw, "token-" + gw)
                .subscribeOwn()) {
            Tr50Response response = thing.request(Tr50Request.of(new UpdateCheck(Params.of(device), Optional.empty())));
            return response.result(RequestId.of(1)).orElseThrow();
        }
    }

    private static ObjectNode device(String product, String runtime, String installedFirmware) {
        ObjectNode device = DataDir.mapper().createObjectNode().put("product", product).put("os", "linux")
                .put("architecture", "x86_64").put("runtimeVersion", runtime);
        if (installedFirmware != null) {
            device.putObject("packages").putObject("dw-firmware").put("version", installedFirmware);
        }
        return device;
    }

    @Test
    void fleet_eachGatewayIsAnsweredWithItsReleaseAndDownloadsItWithTheFileId() throws Exception {
        Params newer = ((Tr50Result.Success) check(1, device("dw-gateway", "1.4.0", "1.3.0"))).params();
        Params older = ((Tr50Result.Success) check(2, device("dw-gateway", "1.1.0", null))).params();
        Params edge = ((Tr50Result.Success) check(3, device("edge-box", "3.0.0", null))).params();
        Params current = ((Tr50Result.Success) check(4, device("dw-gateway", "1.4.0", "2.0.0"))).params();

        assertThat(newer.get("version").map(JsonNode::asText)).contains("2.0.0");
        assertThat(newer.get("installedVersion").map(JsonNode::asText)).contains("1.3.0");
        assertThat(older.get("version").map(JsonNode::asText)).contains("1.3.0");
        assertThat(edge.get("name").map(JsonNode::asText)).contains("edge-agent");
        assertThat(current.toJson().toString()).isEqualTo("{\"upToDate\":true}");

        byte[] body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.httpUri() + "/file/" + newer.get("fileId").orElseThrow().asText())).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        assertThat(body).isEqualTo(Files.readAllBytes(work.resolve("dw-firmware-2.0.0.sup")));
        CRC32 crc = new CRC32();
        crc.update(body);
        assertThat(newer.get("fileSize").orElseThrow().asLong()).isEqualTo(body.length);
        assertThat(newer.get("crc32").orElseThrow().asLong()).isEqualTo(crc.getValue());
        assertThat(newer.get("sha256").orElseThrow().asText())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)));
        assertThat(newer.get("fileName").orElseThrow().asText()).isEqualTo("dw-firmware-2.0.0.sup");
        assertThat(UpdateCheckResult.read(newer).update().orElseThrow().installedVersion()).contains("1.3.0");
        assertThat(UpdateCheckResult.read(current).update()).isEmpty();
    }

    @Test
    void check_forAnotherThingOrWithoutADevice_isRefused() throws Exception {
        ObjectNode spoofed = device("dw-gateway", "1.4.0", null).put("thingKey", "gw-2");
        Tr50Result.Failure other = (Tr50Result.Failure) check(1, spoofed);
        assertThat(other.errorCodes()).containsExactly(PortalErrorCodes.NOT_AUTHORIZED);

        try (TestThing thing = TestThing.connect(server.mqttUri(), "sup", "gw-1", "app-1", "token-1").subscribeOwn()) {
            thing.publish("sup/gw-1/api/0007", "{\"1\": {\"command\": \"update.check\", \"params\": {\"device\": \"dw\"}}}"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            Tr50Response response = org.suptools.tr50.Tr50Codec.readResponse(
                    thing.await("sup/gw-1/reply/0007").getPayloadAsBytes());
            Tr50Result.Failure failure = (Tr50Result.Failure) response.result(RequestId.of(1)).orElseThrow();
            assertThat(failure.errorCodes()).containsExactly(PortalErrorCodes.INVALID_PARAMS);
            assertThat(failure.errorMessages().get(0)).contains("device");
        }
    }

    @Test
    void servedPortal_answersThePlainHttpVersionCheckOnItsHttpPort() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.httpUri() + "/ota/version"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("gw-3:token-3".getBytes()))
                .header("User-Agent", "SUP/gw-3").POST(HttpRequest.BodyPublishers.ofString("1.0.0")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"upgrade\":0,\"settings\":[]}");
    }
}
