package org.suptools.portal.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.portal.MutableClock;
import org.suptools.portal.files.FileIds;
import org.suptools.portal.store.DataDir;
import org.suptools.portal.store.FileStore;
import org.suptools.portal.store.Telemetry;
import org.suptools.portal.store.Things;
import org.suptools.tr50.AlarmPublish;
import org.suptools.tr50.AttributePublish;
import org.suptools.tr50.FileGet;
import org.suptools.tr50.FileGetResult;
import org.suptools.tr50.LogLevel;
import org.suptools.tr50.LogPublish;
import org.suptools.tr50.MailboxAck;
import org.suptools.tr50.MailboxUpdate;
import org.suptools.tr50.PortalErrorCodes;
import org.suptools.tr50.Tr50Result;

class Tr50ServiceTest {

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.startingAt("2026-03-01T10:00:00Z");
    private DataDir data;
    private FileIds ids;
    private Tr50Service service;

    @BeforeEach
    void portal() {
        data = new DataDir(dir.resolve("data"));
        new Things(data, clock).put("gw-1", "t1", "a1");
        new Things(data, clock).put("gw-2", "t2", "a2");
        ids = new FileIds(clock, FileIds.DEFAULT_LIFETIME);
        service = new Tr50Service(data, clock, ids);
    }

    private static Tr50Result.Failure failure(Tr50Result result) {
        assertThat(result).isInstanceOf(Tr50Result.Failure.class);
        return (Tr50Result.Failure) result;
    }

    @Test
    void fileGet_ofAThingsOwnFileWorksForThatThingOnly() throws Exception {
        Path config = Files.write(dir.resolve("gw-1.conf"), new byte[] {9, 9});
        FileStore.thingFiles(data, "gw-1", clock).upload(config);

        Tr50Result own = service.answer("gw-1", new FileGet("gw-1.conf", Optional.empty(), false));
        Tr50Result other = service.answer("gw-2", new FileGet("gw-1.conf", Optional.of("gw-1"), false));
        Tr50Result notHis = service.answer("gw-2", new FileGet("gw-1.conf", Optional.empty(), false));
        Tr50Result notGlobal = service.answer("gw-1", FileGet.global("gw-1.conf"));

        FileGetResult result = FileGetResult.read(((Tr50Result.Success) own).params());
        assertThat(result.fileSize()).isEqualTo(2);
        assertThat(ids.claim(result.fileId())).isPresent();
        assertThat(failure(other).errorCodes()).containsExactly(PortalErrorCodes.NOT_AUTHORIZED);
        assertThat(failure(notHis).errorMessages()).containsExactly("File 'gw-1.conf' not found.");
        assertThat(failure(notGlobal).errorCodes()).containsExactly(PortalErrorCodes.FILE_NOT_FOUND);
    }

    @Test
    void fileGet_idExpiresAfterItsLifetime() throws Exception {
        FileStore.developerFiles(data, clock).upload(Files.write(dir.resolve("a.sup"), new byte[] {1}));
        FileGetResult result = FileGetResult.read(((Tr50Result.Success) service.answer("gw-1",
                FileGet.global("a.sup"))).params());

        clock.advance(Duration.ofSeconds(300));

        assertThat(ids.claim(result.fileId())).isEmpty();
    }

    @Test
    void publishes_areKeptForTheSenderAndRefusedForAnotherThing() {
        assertThat(service.answer("gw-1", new LogPublish(Optional.empty(), Optional.of(Instant.parse(
                "2026-03-01T09:59:00Z")), "started", Optional.of(LogLevel.INFO), Optional.of("M1"))).succeeded()).isTrue();
        assertThat(service.answer("gw-1", new AttributePublish(Optional.of("gw-1"), "sup.acme", "1.4.0",
                Optional.empty())).succeeded()).isTrue();
        assertThat(service.answer("gw-1", new AlarmPublish(Optional.empty(), "disk", 2, Optional.of("full"),
                Optional.empty())).succeeded()).isTrue();
        Tr50Result spoofed = service.answer("gw-1", new AttributePublish(Optional.of("gw-2"), "k", "v",
                Optional.empty()));

        Telemetry telemetry = new Telemetry(data);
        assertThat(telemetry.logs("gw-1", line -> true)).singleElement().satisfies(line -> {
            assertThat(line.msg()).isEqualTo("started");
            assertThat(line.level()).contains(2);
            assertThat(line.corrId()).contains("M1");
            assertThat(line.receivedOn()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        });
        assertThat(telemetry.attributes("gw-1").get("sup.acme").value()).isEqualTo("1.4.0");
        assertThat(telemetry.alarms("gw-1").get("disk").state()).isEqualTo(2);
        assertThat(failure(spoofed).errorCodes()).containsExactly(PortalErrorCodes.NOT_AUTHORIZED);
        assertThat(telemetry.attributes("gw-2")).isEmpty();
    }

    @Test
    void mailboxCommands_ofAnUnknownMessageFailWithItsCode() {
        assertThat(failure(service.answer("gw-1", new MailboxAck("M404", 0, Optional.empty(), Optional.empty())))
                .errorCodes()).containsExactly(PortalErrorCodes.MAILBOX_MESSAGE_NOT_FOUND);
        assertThat(failure(service.answer("gw-1", new MailboxUpdate("M404", "50%"))).errorCodes())
                .containsExactly(PortalErrorCodes.MAILBOX_MESSAGE_NOT_FOUND);
    }

    @Test
    void updateCheck_withHostileDescriptions_isAnsweredNeverThrown() throws Exception {
        FileStore.developerFiles(data, clock).upload(org.suptools.portal.TestSups.write(dir, "acme-config", "1.5.0"));
        new org.suptools.portal.store.Releases(data, clock).publish("acme-config-1.5.0.sup",
                "product == \"dw\" && runtimeVersion >= \"1.2.0\" && packages.acme-config < \"1.5.0\"");
        var json = DataDir.mapper();
        com.fasterxml.jackson.databind.node.ObjectNode deep = json.createObjectNode();
        com.fasterxml.jackson.databind.node.ObjectNode at = deep;
        for (int i = 0; i < 500; i++) {
            at = at.putObject("product");
        }
        java.util.List<String> hostile = java.util.List.of(
                "{\"product\": [\"dw\"], \"runtimeVersion\": 1e308, \"packages\": \"acme-config\"}",
                "{\"product\": \"dw\", \"runtimeVersion\": \"" + "9".repeat(5000) + ".0.0\", \"packages\": []}",
                "{\"product\": \"dw\", \"runtimeVersion\": \"1.2.0\", \"packages\": {\"acme-config\": {\"version\": 7}}}",
                "{\"product\": null, \"runtimeVersion\": {\"version\": \"1.2.0\"}}",
                deep.toString());
        for (String description : hostile) {
            Tr50Result result = service.answer("gw-1", new org.suptools.tr50.UpdateCheck(org.suptools.tr50.Params.of(
                    (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(description)), Optional.empty()));
            assertThat(result.succeeded()).as(description.substring(0, Math.min(80, description.length()))).isTrue();
            assertThat(((Tr50Result.Success) result).params().get("upToDate").orElseThrow().asBoolean()).isTrue();
        }
        Tr50Result meant = service.answer("gw-1", new org.suptools.tr50.UpdateCheck(org.suptools.tr50.Params.of(
                (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(
                        "{\"product\": \"dw\", \"runtimeVersion\": {\"version\": \"1.2.0\"},"
                        + " \"packages\": {\"acme-config\": \"1.4.0\"}}")), Optional.empty()));
        assertThat(((Tr50Result.Success) meant).params().get("version").orElseThrow().asText()).isEqualTo("1.5.0");
        Tr50Result other = service.answer("gw-1", new org.suptools.tr50.UpdateCheck(org.suptools.tr50.Params.builder()
                .put("thingKey", "gw-2").build(), Optional.empty()));
        assertThat(failure(other).errorCodes()).containsExactly(PortalErrorCodes.NOT_AUTHORIZED);
    }
}
