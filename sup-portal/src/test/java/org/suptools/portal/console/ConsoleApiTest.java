package org.suptools.portal.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.model.archive.ArchiveOptions;
import org.suptools.model.archive.SupWriter;
import org.suptools.model.manifest.Manifest;
import org.suptools.model.manifest.ManifestCodec;
import org.suptools.model.signing.KeyAlgorithm;
import org.suptools.model.signing.KeyId;
import org.suptools.model.signing.KeyPairs;
import org.suptools.model.signing.SignatureSet;
import org.suptools.model.signing.Signer;
import org.suptools.model.version.SemVer;
import org.suptools.portal.MutableClock;
import org.suptools.portal.store.DataDir;
import org.suptools.portal.store.LogLine;
import org.suptools.portal.store.Mailboxes;
import org.suptools.portal.store.Telemetry;
import org.suptools.portal.store.Things;

/**
 * The console over real HTTP, as the page uses it: the admin token, the security headers, the Developer
 * Files, campaigns made and driven through the same store the commands use, and a gateway's text kept text.
 */
class ConsoleApiTest {

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.startingAt("2026-03-01T10:00:00Z");
    private final HttpClient http = HttpClient.newHttpClient();
    private HttpServer server;
    private URI base;
    private DataDir data;
    private ConsoleToken token;

    @BeforeEach
    void console() throws Exception {
        data = new DataDir(dir.resolve("data"));
        token = ConsoleToken.of(data);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/console", new ConsoleHandler(data, token,
                appId -> Optional.of(appId.equals("app-1")), clock));
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        Things things = new Things(data, clock);
        things.put("gw-1", "t1", "app-1");
        things.put("gw-2", "t2", "app-2");
        things.put("gw-3", "t3", "app-3");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void token_isMadeOnceOwnerOnlyAndKeptAcrossStarts() throws Exception {
        Path file = data.resolve(ConsoleToken.FILE);

        assertThat(ConsoleToken.of(data)).isEqualTo(token);
        assertThat(Files.readString(file).strip()).isEqualTo(token.value()).hasSize(48);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(token.toString()).doesNotContain(token.value());
    }

    @Test
    void token_aFileThatIsNotATokenIsRefusedNamingIt() throws Exception {
        DataDir other = new DataDir(dir.resolve("other"));
        Files.createDirectories(other.root());
        Files.writeString(other.resolve(ConsoleToken.FILE), "letmein\n");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConsoleToken.of(other))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("console-token")
                .hasMessageContaining("not a console token");
    }

    @Test
    void api_refusesNoTokenAWrongTokenAndATokenOnlyInACookie() throws Exception {
        HttpResponse<String> none = send(HttpRequest.newBuilder(base.resolve("/console/api/things")));
        HttpResponse<String> wrong = send(HttpRequest.newBuilder(base.resolve("/console/api/things"))
                .header("Authorization", "Bearer " + "0".repeat(48)));
        HttpResponse<String> cookie = send(HttpRequest.newBuilder(base.resolve("/console/api/campaigns"))
                .header("Cookie", "token=" + token.value()).POST(HttpRequest.BodyPublishers.ofString("{}")));
        HttpResponse<String> right = get("/console/api/session");

        for (HttpResponse<String> refused : List.of(none, wrong, cookie)) {
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
            assertThat(refused.body()).contains("admin token").doesNotContain("gw-1");
        }
        assertThat(right.statusCode()).isEqualTo(204);
        assertThat(new Things(data, clock).all()).hasSize(3);
    }

    @Test
    void api_refusesARequestFromAnotherOriginEvenWithTheToken() throws Exception {
        HttpResponse<String> foreign = send(authorized("/console/api/campaigns").header("Origin", "http://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\",\"file\":\"a.sup\",\"things\":[]}")));

        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(get("/console/api/campaigns").body()).isEqualTo("[]");
    }

    @Test
    void everyResponse_carriesAStrictContentSecurityPolicy() throws Exception {
        for (String path : List.of("/console/", "/console/console.js", "/console/console.css", "/console/api/things",
                "/console/nothing")) {
            HttpResponse<String> response = get(path);
            assertThat(response.headers().firstValue("Content-Security-Policy")).as(path)
                    .contains(Responses.CONTENT_SECURITY_POLICY);
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
            assertThat(response.headers().firstValue("X-Frame-Options")).as(path).contains("DENY");
        }
        assertThat(Responses.CONTENT_SECURITY_POLICY).contains("script-src 'self'").doesNotContain("unsafe")
                .contains("default-src 'none'").contains("frame-ancestors 'none'");
    }

    @Test
    void page_hasNoInlineScriptOrStyleOrHandler() throws Exception {
        HttpResponse<String> page = get("/console/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(page.body()).contains("<script src=\"console.js\" defer></script>")
                .doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContainPattern("\\son[a-z]+=")
                .doesNotContain("style=").doesNotContain("<style");
        String script = get("/console/console.js").body();
        assertThat(script).as("no markup built from strings").doesNotContain("innerHTML").doesNotContain("outerHTML")
                .doesNotContain("insertAdjacentHTML").doesNotContain("document.write").doesNotContain("eval(");
        assertThat(get("/console").statusCode()).isEqualTo(308);
        assertThat(get("/console/../api/things").statusCode()).isEqualTo(404);
        assertThat(get("/console/index.html.bak").statusCode()).isEqualTo(404);
    }

    @Test
    void upload_aSignedSupIsListedWithNameVersionSignersAndSize() throws Exception {
        KeyPair key = KeyPairs.generate(KeyAlgorithm.ED25519);
        Path sup = sup("acme-config", "1.4.0", Optional.of(key));

        HttpResponse<String> uploaded = send(authorized("/console/api/files?name=acme-config.sup")
                .POST(HttpRequest.BodyPublishers.ofFile(sup)));
        JsonNode files = json(get("/console/api/files"));

        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        JsonNode file = files.get(0);
        assertThat(file.get("name").asText()).isEqualTo("acme-config.sup");
        assertThat(file.get("packageName").asText()).isEqualTo("acme-config");
        assertThat(file.get("version").asText()).isEqualTo("1.4.0");
        assertThat(file.get("signers")).hasSize(1);
        assertThat(file.get("signers").get(0).asText()).isEqualTo(KeyId.of(key.getPublic()));
        assertThat(file.get("size").asLong()).isEqualTo(Files.size(sup));
        assertThat(file.get("sup").asBoolean()).isTrue();
        assertThat(Files.list(data.resolve("console-uploads"))).as("no part file left").isEmpty();
    }

    @Test
    void upload_aBrokenSupOrABadNameIsRefusedAndNothingIsStored() throws Exception {
        HttpResponse<String> broken = send(authorized("/console/api/files?name=broken.sup")
                .POST(HttpRequest.BodyPublishers.ofString("not a zip")));
        HttpResponse<String> traversal = send(authorized("/console/api/files?name=..%2Fescape.sup")
                .POST(HttpRequest.BodyPublishers.ofString("x")));
        HttpResponse<String> noName = send(authorized("/console/api/files")
                .POST(HttpRequest.BodyPublishers.ofString("x")));

        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(json(broken).get("error").asText()).startsWith("broken.sup: not a readable .sup");
        assertThat(traversal.statusCode()).isEqualTo(400);
        assertThat(json(traversal).get("error").asText()).startsWith("name:");
        assertThat(noName.statusCode()).isEqualTo(400);
        assertThat(json(get("/console/api/files"))).isEmpty();
        assertThat(Files.exists(dir.resolve("escape.sup"))).isFalse();
    }

    @Test
    void campaign_createdStartedApprovedAndCancelledThroughTheStore() throws Exception {
        upload(sup("acme-config", "1.4.0", Optional.empty()), "acme-config.sup");

        HttpResponse<String> created = post("/console/api/campaigns",
                "{\"name\":\"rollout\",\"file\":\"acme-config.sup\",\"things\":[\"gw-1\",\"gw-2\",\"gw-3\"],"
                        + "\"timeout\":600,\"approval\":[\"execution\"]}");
        String id = json(created).get("id").asText();
        JsonNode draft = json(get("/console/api/campaigns/" + id));
        JsonNode started = json(post("/console/api/campaigns/" + id + "/start", ""));
        JsonNode approved = json(post("/console/api/campaigns/" + id + "/approve", "{\"type\":\"execution\"}"));
        JsonNode cancelled = json(post("/console/api/campaigns/" + id + "/cancel", ""));
        JsonNode list = json(get("/console/api/campaigns"));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(draft.get("state").asText()).isEqualTo("Draft");
        assertThat(draft.get("timeout").asInt()).isEqualTo(600);
        assertThat(started.get("state").asText()).isEqualTo("Running");
        assertThat(started.get("members")).hasSize(3).allSatisfy(m -> assertThat(m.get("status").asText())
                .isEqualTo("Ready"));
        assertThat(new Mailboxes(data).mailbox("gw-2").messages()).extracting(m -> m.method())
                .containsExactly("gateway.sup.update", "gateway.sup.schedule");
        assertThat(approved.get("approvedOn")).hasSize(3);
        assertThat(cancelled.get("state").asText()).isEqualTo("Cancelled");
        assertThat(cancelled.get("failed").asInt()).isEqualTo(3);
        assertThat(list.get(0).get("memberCount").asInt()).isEqualTo(3);
        assertThat(list.get(0).has("members")).isFalse();
    }

    @Test
    void campaign_refusals_nameTheFieldAndChangeNothing() throws Exception {
        upload(sup("acme-config", "1.4.0", Optional.empty()), "acme-config.sup");
        send(authorized("/console/api/files?name=notes.txt").POST(HttpRequest.BodyPublishers.ofString("hello")));

        HttpResponse<String> notSup = post("/console/api/campaigns",
                "{\"name\":\"x\",\"file\":\"notes.txt\",\"things\":[\"gw-1\"]}");
        HttpResponse<String> unknownThing = post("/console/api/campaigns",
                "{\"name\":\"x\",\"file\":\"acme-config.sup\",\"things\":[\"gw-9\"]}");
        HttpResponse<String> noName = post("/console/api/campaigns", "{\"file\":\"acme-config.sup\",\"things\":[]}");
        HttpResponse<String> notJson = post("/console/api/campaigns", "{");
        HttpResponse<String> badThings = post("/console/api/campaigns",
                "{\"name\":\"x\",\"file\":\"acme-config.sup\",\"things\":\"gw-1\"}");
        org.suptools.portal.store.FileStore.developerFiles(data, clock).upload(
                Files.writeString(dir.resolve("broken.sup"), "not a zip"));
        HttpResponse<String> unreadable = post("/console/api/campaigns",
                "{\"name\":\"x\",\"file\":\"broken.sup\",\"things\":[\"gw-1\"]}");
        HttpResponse<String> noCampaign = post("/console/api/campaigns/C0099/start", "");
        HttpResponse<String> wrongMethod = send(authorized("/console/api/campaigns").DELETE());

        assertThat(json(notSup).get("error").asText()).startsWith("file: only a .sup");
        assertThat(json(unknownThing).get("error").asText()).startsWith("things: no thing with key 'gw-9'");
        assertThat(json(noName).get("error").asText()).isEqualTo("name: is required (a text)");
        assertThat(json(notJson).get("error").asText()).startsWith("body: not JSON");
        assertThat(json(badThings).get("error").asText()).isEqualTo("things: must be a list of texts");
        assertThat(json(unreadable).get("error").asText()).startsWith("file: broken.sup: not a readable .sup");
        assertThat(List.of(notSup, unknownThing, noName, notJson, badThings, unreadable)).allSatisfy(r ->
                assertThat(r.statusCode()).isEqualTo(400));
        assertThat(noCampaign.statusCode()).isEqualTo(404);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(json(get("/console/api/campaigns"))).isEmpty();
    }

    @Test
    void thing_showsConnectionAgentStateInstalledPackagesAndTheLastConfirmation() throws Exception {
        upload(sup("acme-config", "1.4.0", Optional.empty()), "acme-config.sup");
        String id = json(post("/console/api/campaigns",
                "{\"name\":\"r\",\"file\":\"acme-config.sup\",\"things\":[\"gw-1\",\"gw-2\"]}")).get("id").asText();
        post("/console/api/campaigns/" + id + "/start", "");
        Mailboxes mailboxes = new Mailboxes(data);
        String m1 = mailboxes.check("gw-1", false, Optional.empty(), clock.instant()).get(0).id();
        String m2 = mailboxes.check("gw-2", false, Optional.empty(), clock.instant()).get(0).id();
        mailboxes.update("gw-1", m1, "installing 2 of 3 actions", clock.instant());
        mailboxes.ack("gw-1", m1, 0, Optional.of("installed"), Optional.of(DataDir.mapper().createObjectNode()
                .put("status", "success").put("name", "acme-config").put("version", "1.4.0")), clock.instant());
        mailboxes.ack("gw-2", m2, -13, Optional.of("action 2 failed: exit 3"), Optional.of(DataDir.mapper()
                .createObjectNode().put("status", "failure").put("name", "acme-config").put("version", "1.4.0")),
                clock.instant());
        new Telemetry(data).attribute("gw-1", "sup.update.state", new org.suptools.portal.store.Attribute(
                "{\"state\":\"IDLE\",\"mailboxId\":\"" + m1 + "\",\"campaignId\":\"" + id + "\"}", Optional.empty(),
                clock.instant()));

        JsonNode things = json(get("/console/api/things"));
        JsonNode gw1 = things.get(0);
        JsonNode gw2 = json(get("/console/api/things/gw-2"));
        JsonNode members = json(get("/console/api/campaigns/" + id)).get("members");

        assertThat(gw1.get("connection").asText()).isEqualTo("connected");
        assertThat(gw2.get("connection").asText()).isEqualTo("disconnected");
        assertThat(gw1.get("agentState").get("state").asText()).isEqualTo("IDLE");
        assertThat(gw1.get("installed")).hasSize(1);
        assertThat(gw1.get("installed").get(0).get("version").asText()).isEqualTo("1.4.0");
        assertThat(gw1.get("lastConfirmation").get("status").asText()).isEqualTo("success");
        assertThat(gw1.has("token")).isFalse();
        assertThat(gw2.get("installed")).isEmpty();
        assertThat(gw2.get("lastConfirmation").get("errorCode").asInt()).isEqualTo(-13);
        assertThat(gw2.get("lastConfirmation").get("errorMessage").asText()).isEqualTo("action 2 failed: exit 3");
        assertThat(members.get(0).get("progress").asText()).isEqualTo("installing 2 of 3 actions");
        assertThat(members.get(1).get("result").asText()).isEqualTo("failure");
        assertThat(get("/console/api/things/gw-9").statusCode()).isEqualTo(404);
    }

    @Test
    void gatewayText_withHtmlInIt_neverLeavesTheServerAsMarkup() throws Exception {
        String hostile = "<script>alert('x')</script><img src=x onerror=alert(1)> & \u2028done";
        new Telemetry(data).log("gw-1", new LogLine(clock.instant(), Optional.empty(), Optional.of(2), hostile,
                Optional.empty()));

        HttpResponse<String> response = get("/console/api/things/gw-1");

        assertThat(response.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
        assertThat(response.body()).doesNotContain("<").doesNotContain(">").doesNotContain("'")
                .doesNotContain("&").doesNotContain("\u2028").contains("\\u003Cscript\\u003E");
        assertThat(json(response).get("log").get(0).get("msg").asText()).as("the same text, only escaped")
                .isEqualTo(hostile);
    }

    private Path sup(String name, String version, Optional<KeyPair> key) throws Exception {
        Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, name, SemVer.parse(version), Optional.empty(),
                Optional.empty(), Instant.parse("2026-01-01T00:00:00Z"), Optional.empty(), List.of(), List.of(), false,
                null, List.of(), List.of());
        byte[] manifestBytes = ManifestCodec.toBytes(manifest);
        Optional<byte[]> signatures = key.map(k -> SignatureSet.empty().with(Signer.sign(manifestBytes, k.getPrivate()))
                .toJson());
        Path out = dir.resolve(name + "-" + version + ".sup");
        new SupWriter().write(out, manifestBytes, signatures, List.of(), ArchiveOptions.defaults(), (done, total) -> { });
        return out;
    }

    private void upload(Path file, String name) throws Exception {
        HttpResponse<String> response = send(authorized("/console/api/files?name=" + name)
                .POST(HttpRequest.BodyPublishers.ofFile(file)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token.value());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(authorized(path));
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return send(authorized(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return DataDir.mapper().readTree(response.body());
    }
}
