package org.suptools.portal.http;

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
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.portal.MutableClock;
import org.suptools.portal.console.ConsoleToken;
import org.suptools.portal.store.Campaign;
import org.suptools.portal.store.Campaigns;
import org.suptools.portal.store.DataDir;
import org.suptools.portal.store.FileStore;
import org.suptools.portal.store.Mailboxes;
import org.suptools.portal.store.Things;

/** The read-only JSON API shows what {@code campaign status} shows, on the portal's clock. */
class ApiHandlerTest {

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.startingAt("2026-03-01T10:00:00Z");
    private final HttpClient http = HttpClient.newHttpClient();
    private HttpServer server;
    private URI base;
    private DataDir data;
    private ConsoleToken token;

    @BeforeEach
    void api() throws Exception {
        data = new DataDir(dir.resolve("data"));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        token = ConsoleToken.of(data);
        server.createContext(ApiHandler.PATH, new ApiHandler(data, token, clock));
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token.value())
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void api_answersOnlyTheAdminToken() throws Exception {
        HttpResponse<String> none = http.send(HttpRequest.newBuilder(base.resolve("/api/things")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(base.resolve("/api/campaigns"))
                .header("Authorization", "Bearer " + "0".repeat(48)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(none.body()).contains("console-token").doesNotContain(token.value());
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(get("/api/things").statusCode()).isEqualTo(200);
    }

    @Test
    void aMessagePastItsAckDeadline_isShownFailedInTheThingsMailboxAndTheCampaign() throws Exception {
        new Things(data, clock).put("gw-1", "t1", "a1");
        FileStore.developerFiles(data, clock).upload(Files.write(dir.resolve("acme-config.sup"), new byte[] {1}));
        Campaigns campaigns = new Campaigns(data, clock);
        Campaign campaign = campaigns.create("rollout", "acme-config.sup", List.of("gw-1"), 60);
        campaigns.start(campaign.id());
        new Mailboxes(data).check("gw-1", false, Optional.empty(), clock.instant());
        clock.advance(Duration.ofSeconds(60));

        JsonNode thing = DataDir.mapper().readTree(get("/api/things/gw-1").body());
        JsonNode status = DataDir.mapper().readTree(get("/api/campaigns/C0001").body());

        assertThat(thing.get("mailbox").get(0).get("state").asText()).isEqualTo("COMPLETED");
        assertThat(thing.get("mailbox").get(0).get("errorCode").asInt()).isEqualTo(-91007);
        assertThat(status.get("members").get(0).get("result").asText()).isEqualTo("failure");
        assertThat(status.get("state").asText()).isEqualTo("Completed");
    }

    @Test
    void api_staysReadOnly() throws Exception {
        HttpResponse<String> delete = http.send(HttpRequest.newBuilder(base.resolve("/api/things/gw-1"))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(delete.statusCode()).isEqualTo(405);
        assertThat(delete.headers().firstValue("Allow")).contains("GET");
        assertThat(get("/api/nothing").statusCode()).isEqualTo(404);
    }

    @Test
    void releases_areListedNewestFirstWithTheirPolicyAndHash() throws Exception {
        FileStore files = FileStore.developerFiles(data, clock);
        org.suptools.portal.store.Releases releases = new org.suptools.portal.store.Releases(data, clock);
        for (String version : List.of("1.4.0", "1.10.0")) {
            files.upload(org.suptools.portal.TestSups.write(dir, "acme-config", version));
            releases.publish("acme-config-" + version + ".sup", "runtimeVersion >= \"1.2.0\"");
        }

        JsonNode list = DataDir.mapper().readTree(get("/api/releases").body());

        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("version").asText()).isEqualTo("1.10.0");
        assertThat(list.get(0).get("policy").asText()).isEqualTo("runtimeVersion >= \"1.2.0\"");
        assertThat(list.get(1).get("sha256").asText()).hasSize(64);
        assertThat(list.get(1).has("blob")).isFalse();
    }
}
