package org.suptools.portal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.portal.MutableClock;
import org.suptools.portal.TestSups;
import org.suptools.portal.console.ConsoleToken;
import org.suptools.portal.files.Fault;
import org.suptools.portal.files.FileEndpoint;
import org.suptools.portal.files.FileIds;
import org.suptools.portal.store.DataDir;
import org.suptools.portal.store.Deletions;
import org.suptools.portal.store.FileStore;
import org.suptools.portal.store.Ota;
import org.suptools.portal.store.OtaDevice;
import org.suptools.portal.store.RefusedException;
import org.suptools.portal.store.Things;

/** The plain HTTP backend (seed 003) over a real HTTP server: version check, package with ranges, notify. */
class OtaHandlerTest {

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.startingAt("2026-12-03T10:00:00Z");
    private final HttpClient http = HttpClient.newHttpClient();
    private HttpServer server;
    private URI base;
    private DataDir data;
    private Ota ota;
    private byte[] sup;

    @BeforeEach
    void serve() throws Exception {
        data = new DataDir(dir.resolve("data"));
        new Things(data, clock).put("gw-1", "token-1", "app-1");
        new Things(data, clock).put("gw-2", "token-2", "app-2");
        Path file = TestSups.write(dir, "dw-firmware", "1.5.0");
        sup = Files.readAllBytes(file);
        FileStore.developerFiles(data, clock).upload(file);
        ota = new Ota(data, clock);
        start(Set.of());
    }

    private void start(Set<Fault> faults) throws Exception {
        if (server != null) {
            server.stop(0);
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        FileEndpoint files = new FileEndpoint(new FileIds(clock, FileIds.DEFAULT_LIFETIME), faults, 1);
        server.createContext(OtaHandler.PATH, new OtaHandler(data, clock, files));
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> versionCheck(String auth, String userAgent, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/ota/version"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (auth != null) {
            request.header("Authorization", auth);
        }
        if (userAgent != null) {
            request.header("User-Agent", userAgent);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> check(String version) throws Exception {
        return versionCheck(basic("gw-1", "token-1"), "SUP/gw-1", version);
    }

    private HttpResponse<byte[]> download(String key, String range) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/ota/package/" + key))
                .header("Authorization", basic("gw-1", "token-1"));
        if (range != null) {
            request.header("Range", range);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<String> notifyResult(String key, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve("/ota/notify/" + key))
                .header("Authorization", basic("gw-1", "token-1"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        return DataDir.mapper().readTree(response.body());
    }

    @Test
    void versionCheck_answersUpgrade1WhenOlderAnd0WhenCurrentOrNothingOffered_withTheSettings() throws Exception {
        assertThat(json(check("1.4.0")).toString()).isEqualTo("{\"upgrade\":0,\"settings\":[]}");

        ota.offer("dw-firmware-1.5.0.sup");
        ota.set("keepAlive", "60");
        ota.set("period", "1hr");
        ota.set("keepAlive", "90");
        JsonNode older = json(check("1.4.0"));
        JsonNode current = json(check("1.5.0"));
        JsonNode newer = json(check("1.10.0"));

        assertThat(older.get("upgrade").asInt()).isEqualTo(1);
        assertThat(older.get("settings").toString())
                .isEqualTo("[{\"key\":\"keepAlive\",\"val\":\"90\"},{\"key\":\"period\",\"val\":\"1hr\"}]");
        assertThat(older.get("version").asText()).isEqualTo("1.5.0");
        assertThat(older.get("size").asLong()).isEqualTo(sup.length);
        assertThat(older.get("sha256").asText())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sup)));
        assertThat(current.get("upgrade").asInt()).isZero();
        assertThat(current.has("version")).isFalse();
        assertThat(newer.get("upgrade").asInt()).isZero();
        OtaDevice.Check last = ota.device("gw-1").orElseThrow().lastCheck().orElseThrow();
        assertThat(last.version()).isEqualTo("1.10.0");
        assertThat(last.userAgent()).isEqualTo("SUP/gw-1");
        assertThat(last.on()).isEqualTo(clock.instant());
    }

    @Test
    void package_streamsTheOfferedSupWholeOrByRange() throws Exception {
        assertThat(download("gw-1", null).statusCode()).isEqualTo(404);
        ota.offer("dw-firmware-1.5.0.sup");

        HttpResponse<byte[]> whole = download("gw-1", null);
        HttpResponse<byte[]> rest = download("gw-1", "bytes=100-");
        HttpResponse<byte[]> past = download("gw-1", "bytes=" + sup.length + "-");

        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(sup);
        assertThat(rest.statusCode()).isEqualTo(206);
        assertThat(rest.body()).isEqualTo(Arrays.copyOfRange(sup, 100, sup.length));
        assertThat(rest.headers().firstValue("Content-Range")).contains("bytes 100-" + (sup.length - 1) + "/"
                + sup.length);
        assertThat(past.statusCode()).isEqualTo(416);
    }

    @Test
    void corruptDownload_differsFromTheAnnouncedHash_soTheDeviceCanRevokeIt() throws Exception {
        ota.offer("dw-firmware-1.5.0.sup");
        start(Set.of(Fault.CORRUPT_DOWNLOAD));
        String announced = json(check("1.0.0")).get("sha256").asText();

        byte[] body = download("gw-1", null).body();

        assertThat(body).hasSameSizeAs(sup);
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body))).isNotEqualTo(announced);
    }

    @Test
    void notify_recordsEachResultPerDevice_keepingTheLast20() throws Exception {
        assertThat(notifyResult("gw-1", "900 Success\n").statusCode()).isEqualTo(204);
        clock.advance(Duration.ofMinutes(1));
        assertThat(notifyResult("gw-1", "901 Failure: sha256\u0007 mismatch").statusCode()).isEqualTo(204);

        assertThat(ota.device("gw-1").orElseThrow().notifications()).extracting(OtaDevice.Notification::result)
                .containsExactly("900 Success", "901 Failure: sha256  mismatch");
        for (int i = 0; i < 25; i++) {
            notifyResult("gw-1", "900 Success " + i);
        }
        assertThat(ota.device("gw-1").orElseThrow().notifications()).hasSize(OtaDevice.KEPT)
                .last().extracting(OtaDevice.Notification::result).isEqualTo("900 Success 24");
        assertThat(notifyResult("gw-1", "   ").statusCode()).isEqualTo(400);
        assertThat(notifyResult("gw-1", "x".repeat(OtaHandler.MAX_NOTIFY_BYTES + 1)).statusCode()).isEqualTo(413);
        assertThat(ota.device("gw-2")).isEmpty();
    }

    @Test
    void everyUrl_needsTheThingsAppToken_andActsOnlyForThatThing() throws Exception {
        HttpResponse<String> anonymous = versionCheck(null, "SUP/gw-1", "1.0.0");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("Basic realm="));
        assertThat(versionCheck(basic("gw-1", "token-2"), "SUP/gw-1", "1.0.0").statusCode()).isEqualTo(401);
        assertThat(versionCheck(basic("nobody", "x"), "SUP/nobody", "1.0.0").statusCode()).isEqualTo(401);
        assertThat(versionCheck("Basic !!!", "SUP/gw-1", "1.0.0").statusCode()).isEqualTo(401);
        assertThat(versionCheck(basic("gw-1", "token-1"), "SUP/gw-2", "1.0.0").statusCode()).isEqualTo(403);
        assertThat(versionCheck(basic("gw-1", "token-1"), "curl", "1.0.0").statusCode()).isEqualTo(400);
        assertThat(download("gw-2", null).statusCode()).isEqualTo(403);
        assertThat(notifyResult("gw-2", "900 Success").statusCode()).isEqualTo(403);
        assertThat(notifyResult("../things/gw-1", "900 Success").statusCode()).isEqualTo(403);
        assertThat(ota.devices()).isEmpty();
    }

    @Test
    void badRequests_getOneLineAndChangeNothing() throws Exception {
        HttpResponse<String> notAVersion = check("one point two");
        assertThat(notAVersion.statusCode()).isEqualTo(400);
        assertThat(notAVersion.body()).startsWith("body: ").endsWith("\n").hasLineCount(1);
        assertThat(check("9".repeat(OtaHandler.MAX_VERSION_BYTES + 1)).statusCode()).isEqualTo(413);
        assertThat(check("99999999999999999999999.0.0").statusCode()).isEqualTo(400);
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(base.resolve("/ota/version"))
                .header("Authorization", basic("gw-1", "token-1")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(ota.devices()).isEmpty();
    }

    @Test
    void offeredFileReplaced_isNoLongerOffered_andCannotBeDeletedWhileOffered() throws Exception {
        ota.offer("dw-firmware-1.5.0.sup");
        Deletions deletions = new Deletions(data, clock);
        assertThatThrownBy(() -> deletions.deleteDeveloperFile("dw-firmware-1.5.0.sup"))
                .isInstanceOf(RefusedException.class).hasMessageContaining("ota withdraw");

        FileStore.developerFiles(data, clock).upload(TestSups.write(dir.resolve("data").getParent(), "other", "2.0.0"),
                "dw-firmware-1.5.0.sup");

        assertThat(json(check("1.0.0")).get("upgrade").asInt()).isZero();
        assertThat(download("gw-1", null).statusCode()).isEqualTo(404);
        ota.withdrawOffer();
        deletions.deleteDeveloperFile("dw-firmware-1.5.0.sup");
    }

    @Test
    void api_showsTheOfferSettingsAndDevices_andAThingsRecordGoesWithIt() throws Exception {
        ota.offer("dw-firmware-1.5.0.sup");
        ota.set("period", "1day");
        check("1.0.0");
        notifyResult("gw-1", "900 Success");
        ConsoleToken token = ConsoleToken.of(data);
        server.createContext(ApiHandler.PATH, new ApiHandler(data, token, clock));

        JsonNode api = DataDir.mapper().readTree(http.send(HttpRequest.newBuilder(base.resolve("/api/ota"))
                .header("Authorization", "Bearer " + token.value()).build(),
                HttpResponse.BodyHandlers.ofString()).body());

        assertThat(api.get("offer").get("offered").asBoolean()).isTrue();
        assertThat(api.get("offer").has("blob")).isFalse();
        assertThat(api.get("settings").get(0).get("key").asText()).isEqualTo("period");
        assertThat(api.get("devices").get(0).get("lastCheck").get("upgrade").asInt()).isEqualTo(1);
        assertThat(api.get("devices").get(0).get("notifications").get(0).get("result").asText())
                .isEqualTo("900 Success");
        new Deletions(data, clock).deleteThing("gw-1");
        assertThat(ota.device("gw-1")).isEmpty();
    }
}
