package org.suptools.tr50;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every command and every result goes out and comes back equal, in both written forms. */
class CommandRoundTripTest {

    private static final Instant TS = Instant.parse("2026-11-23T00:46:05.163991630Z");
    private static final GatewaySupUpdate SUP_UPDATE = new GatewaySupUpdate("acme-config-1.4.0", Optional.of(1200),
            Params.builder().put("campaignId", "C-2026-11").build());

    static Stream<Tr50Command> commands() {
        Params supParams = GatewaySupUpdate.of("acme-config-1.4.0", 1200).toParams();
        return Stream.of(
                new MailboxCheck(Optional.of(false), Optional.of(10)),
                new MailboxCheck(Optional.empty(), Optional.empty()),
                new MailboxUpdate("M-1", "downloading: 40%"),
                new MailboxAck("M-1", 0, Optional.of(""), Optional.of(Params.builder().put("status", "success").build())),
                new MailboxAck("M-2", -90110, Optional.empty(), Optional.empty()),
                new MailboxSend("gw-1", MethodExec.of(GatewaySupUpdate.METHOD, supParams), Optional.of(300),
                        Optional.of(-1), Optional.of(true)),
                new MailboxSend("gw-1", new UnknownCommand("diag.ping", Params.empty()), Optional.empty(),
                        Optional.empty(), Optional.empty()),
                new MethodExec(Optional.of("gw-1"), GatewaySupUpdate.METHOD, supParams, Optional.of(60), Optional.of(false)),
                MethodExec.of("custom.method", Params.empty()),
                FileGet.global("acme-config-1.4.0.sup"),
                new FileGet("diag.tar.gz", Optional.of("gw-1"), false),
                new LogPublish(Optional.of("gw-1"), Optional.of(TS), "SUP x: started", Optional.of(LogLevel.INFO),
                        Optional.of("M-1")),
                new LogPublish(Optional.empty(), Optional.empty(), "", Optional.empty(), Optional.empty()),
                new AttributePublish(Optional.of("gw-1"), "sup.acme-config", "1.4.0", Optional.of(TS)),
                new AttributePublish(Optional.empty(), "sup.acme-config", "", Optional.empty()),
                new AlarmPublish(Optional.of("gw-1"), "sup.install", 2, Optional.of("rollback incomplete"), Optional.of(TS)),
                new AlarmPublish(Optional.empty(), "sup.install", 0, Optional.empty(), Optional.empty()),
                new UpdateCheck(Params.builder().put("product", "dw-gateway").put("runtimeVersion", "1.4.0")
                        .put("packages", Params.builder().put("acme-config", Params.builder().put("version", "1.4.0")
                                .build()).build()).build(), Optional.of("acme-config")),
                new UpdateCheck(Params.empty(), Optional.empty()),
                new UnknownCommand("thing.find", Params.builder().put("key", "gw-1")
                        .put("nested", Params.builder().put("n", 12345678901L).put("ok", true).build())
                        .build()));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void compact_roundTripsEveryCommand(Tr50Command command) throws Tr50Exception {
        Tr50Request request = Tr50Request.of(List.of(command, new MailboxUpdate("M-9", "second")));

        byte[] written = Tr50Codec.compact(request);
        Tr50Request read = Tr50Codec.readRequest(written);

        assertThat(read).isEqualTo(request);
        assertThat(read.command(RequestId.of(1))).containsInstanceOf(command.getClass());
        assertThat(Tr50Codec.compact(read)).isEqualTo(written);
    }

    @ParameterizedTest
    @MethodSource("commands")
    void pretty_roundTripsEveryCommand(Tr50Command command) throws Tr50Exception {
        Tr50Request request = Tr50Request.of(command);

        assertThat(Tr50Codec.readRequest(Tr50Codec.pretty(request))).isEqualTo(request);
    }

    @ParameterizedTest
    @MethodSource("commands")
    void readIncoming_readsEveryCommandAsTheServerSeesIt(Tr50Command command) throws Tr50Exception {
        IncomingRequest incoming = Tr50Codec.readIncoming(Tr50Codec.compact(Tr50Request.of(command)));

        assertThat(incoming.entries()).containsExactly(Map.entry(RequestId.of(1), new IncomingRequest.Read(command)));
    }

    static Stream<Tr50Result> results() {
        MailboxMessage message = new MailboxMessage("M-1", Optional.of("gw-1"),
                MethodExec.of(SUP_UPDATE));
        MailboxMessage unknown = new MailboxMessage("M-2", Optional.empty(),
                new UnknownCommand("thing.update", Params.builder().put("name", "x").build()));
        return Stream.of(
                Tr50Result.success(),
                Tr50Result.success(new MailboxCheckResult(List.of(message, unknown)).toParams()),
                Tr50Result.success(new MailboxCheckResult(List.of()).toParams()),
                Tr50Result.success(new FileGetResult("f-9c1d", 5_000_000_000L, 0xFFFF_FFFFL).toParams()),
                Tr50Result.failure(PortalErrorCodes.FILE_NOT_FOUND, "SUP 'acme.sup' not found."),
                new Tr50Result.Failure(List.of(-90001, -90002), List.of("first")),
                new Tr50Result.Failure(List.of(), List.of()));
    }

    @ParameterizedTest
    @MethodSource("results")
    void compactAndPretty_roundTripEveryResult(Tr50Result result) throws Tr50Exception {
        Tr50Response response = Tr50Response.of(result);

        assertThat(Tr50Codec.readResponse(Tr50Codec.compact(response))).isEqualTo(response);
        assertThat(Tr50Codec.readResponse(Tr50Codec.pretty(response))).isEqualTo(response);
    }

    @Test
    void typedReplyParams_readBackToTheirRecords() throws Tr50Exception {
        MailboxCheckResult messages = new MailboxCheckResult(List.of(new MailboxMessage("M-1", Optional.of("gw-1"),
                MethodExec.of(SUP_UPDATE))));
        FileGetResult file = new FileGetResult("f-1", 1234, 3_000_000_000L);

        assertThat(MailboxCheckResult.read(messages.toParams())).isEqualTo(messages);
        assertThat(FileGetResult.read(file.toParams())).isEqualTo(file);
        MethodExec exec = (MethodExec) messages.messages().get(0).command();
        assertThat(GatewaySupUpdate.read(exec.params())).isEqualTo(SUP_UPDATE);
    }

    @Test
    void updateCheckResult_readsBackUpToDateAndAnUpdate_andRefusesABadHash() throws Tr50Exception {
        UpdateCheckResult update = new UpdateCheckResult(Optional.of(new UpdateCheckResult.Update("dw-firmware",
                "2.0.0", Optional.of("1.3.0"), "dw-firmware-2.0.0.sup", "f-1", 1234, 3_000_000_000L, "ab".repeat(32))));

        assertThat(UpdateCheckResult.read(update.toParams())).isEqualTo(update);
        assertThat(UpdateCheckResult.read(UpdateCheckResult.upToDate().toParams())).isEqualTo(UpdateCheckResult.upToDate());
        assertThat(UpdateCheckResult.upToDate().toParams().toJson().toString()).isEqualTo("{\"upToDate\":true}");
        Params badHash = Params.of(update.toParams().toJson().put("sha256", "not hex"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> UpdateCheckResult.read(badHash))
                .isInstanceOf(Tr50Exception.class).hasMessageContaining("sha256");
    }

    @Test
    void updateCheck_withoutADevice_isRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Tr50Codec.readRequest(
                "{\"1\": {\"command\": \"update.check\", \"params\": {\"name\": \"x\"}}}"
                        .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(Tr50Exception.class).hasMessageContaining("device");
    }

    @Test
    void compact_writesOneCanonicalLine() {
        Tr50Request request = Tr50Request.of(List.of(
                new MailboxCheck(Optional.of(false), Optional.of(10)),
                FileGet.global("acme.sup")));

        assertThat(new String(Tr50Codec.compact(request), StandardCharsets.UTF_8)).isEqualTo(
                "{\"1\":{\"command\":\"mailbox.check\",\"params\":{\"autoComplete\":false,\"limit\":10}},"
                        + "\"2\":{\"command\":\"file.get\",\"params\":{\"fileName\":\"acme.sup\",\"global\":true}}}");
    }

    @Test
    void compact_writesResultsCanonically() {
        SortedMap<RequestId, Tr50Result> results = new TreeMap<>();
        results.put(RequestId.of(2), Tr50Result.failure(-90008, "SUP 'acme.sup' not found."));
        results.put(RequestId.of(1), Tr50Result.success());
        results.put(RequestId.of(10), Tr50Result.success(new FileGetResult("f", 3, 7).toParams()));

        assertThat(new String(Tr50Codec.compact(new Tr50Response(results)), StandardCharsets.UTF_8)).isEqualTo(
                "{\"1\":{\"success\":true},"
                        + "\"2\":{\"success\":false,\"errorCodes\":[-90008],\"errorMessages\":[\"SUP 'acme.sup' not found.\"]},"
                        + "\"10\":{\"success\":true,\"params\":{\"fileId\":\"f\",\"fileSize\":3,\"crc32\":7}}}");
    }

    @Test
    void readThenWrite_putsAPeersFieldsInCanonicalOrder() throws Tr50Exception {
        String peer = """
                {"2": {"params": {"level": 1, "msg": "m", "thingKey": "gw-1"}, "command": "log.publish"},
                 "1": {"params": {"limit": 5, "autoComplete": true}, "command": "mailbox.check"}}""";

        Tr50Request read = Tr50Codec.readRequest(peer.getBytes(StandardCharsets.UTF_8));

        assertThat(new String(Tr50Codec.compact(read), StandardCharsets.UTF_8)).isEqualTo(
                "{\"1\":{\"command\":\"mailbox.check\",\"params\":{\"autoComplete\":true,\"limit\":5}},"
                        + "\"2\":{\"command\":\"log.publish\",\"params\":{\"thingKey\":\"gw-1\",\"msg\":\"m\",\"level\":1}}}");
    }

    @Test
    void mailboxActivity_roundTrips() throws Tr50Exception {
        MailboxActivity notice = new MailboxActivity(Optional.of("s-1"), Optional.of("gw-1"));

        assertThat(new String(Tr50Codec.compact(notice), StandardCharsets.UTF_8))
                .isEqualTo("{\"sessionId\":\"s-1\",\"thingKey\":\"gw-1\"}");
        assertThat(Tr50Codec.readMailboxActivity(Tr50Codec.compact(notice))).isEqualTo(notice);
        assertThat(Tr50Codec.readMailboxActivity("{}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new MailboxActivity(Optional.empty(), Optional.empty()));
    }
}
