package org.suptools.tr50;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What peers send that this module does not need is no reason to fail: unknown fields, other
 * spellings of field names, unknown commands, a method's extra params.
 */
class TolerantReadingTest {

    @Test
    void readResponse_acceptsLowerCaseErrorFields() throws Tr50Exception {
        Tr50Response response = Tr50Codec.readResponse(bytes("""
                {"1": {"success": false, "errorcodes": [-90008], "errormessages": ["SUP 'acme.sup' not found."]},
                 "2": {"SUCCESS": false, "ERRORCODES": [17], "ErrorMessages": ["try again"]}}"""));

        assertThat(response.result(RequestId.of(1))).contains(
                Tr50Result.failure(PortalErrorCodes.FILE_NOT_FOUND, "SUP 'acme.sup' not found."));
        assertThat(response.result(RequestId.of(2))).contains(Tr50Result.failure(AckCodes.TRY_AGAIN, "try again"));
    }

    @Test
    void readResponse_readsAFailureWithoutCodesOrMessages() throws Tr50Exception {
        Tr50Result result = Tr50Codec.readResponse(bytes("{\"1\": {\"success\": false}}")).result(RequestId.of(1))
                .orElseThrow();

        Tr50Result.Failure failure = (Tr50Result.Failure) result;
        assertThat(failure.errorCodes()).isEmpty();
        assertThat(failure.describe()).isEqualTo("failed without a code or message");
    }

    @Test
    void failure_describePairsCodesWithMessages() {
        Tr50Result.Failure failure = new Tr50Result.Failure(List.of(-90008, 19), List.of("not found"));

        assertThat(failure.describe()).isEqualTo("-90008 not found; 19");
        assertThat(failure.hasCode(PortalErrorCodes.FILE_NOT_FOUND)).isTrue();
        assertThat(failure.hasCode(AckCodes.FAILURE)).isTrue();
        assertThat(failure.hasCode(0)).isFalse();
    }

    @Test
    void readResponse_ignoresUnknownFieldsAndKeepsSuccessParams() throws Tr50Exception {
        Tr50Response response = Tr50Codec.readResponse(bytes("""
                {"1": {"success": true, "params": {"fileId": "f-1", "fileSize": 10, "crc32": 3, "url": "x"},
                       "elapsedMs": 4, "errorCodes": []}}"""));

        Tr50Result.Success success = (Tr50Result.Success) response.result(RequestId.of(1)).orElseThrow();
        assertThat(FileGetResult.read(success.params())).isEqualTo(new FileGetResult("f-1", 10, 3));
        assertThat(success.params().names()).containsExactly("fileId", "fileSize", "crc32", "url");
    }

    @Test
    void readRequest_ignoresUnknownFieldsAndMatchesNamesInAnyCase() throws Tr50Exception {
        Tr50Request request = Tr50Codec.readRequest(bytes("""
                {"1": {"Command": "log.publish", "PARAMS": {"thingkey": "gw-1", "MSG": "hello", "Level": 2,
                       "global": false, "lat": 45.1}, "note": "ignored"}}"""));

        assertThat(request.command(RequestId.of(1))).contains(new LogPublish(Optional.of("gw-1"), Optional.empty(),
                "hello", Optional.of(LogLevel.INFO), Optional.empty()));
    }

    @Test
    void readRequest_treatsNullAsAbsentAndAMissingParamsAsEmpty() throws Tr50Exception {
        Tr50Request request = Tr50Codec.readRequest(bytes("""
                {"1": {"command": "mailbox.check"},
                 "2": {"command": "mailbox.check", "params": {"autoComplete": null, "limit": null}},
                 "3": {"command": "mailbox.check", "params": null}}"""));

        MailboxCheck none = new MailboxCheck(Optional.empty(), Optional.empty());
        assertThat(request.commands()).containsOnly(Map.entry(RequestId.of(1), none), Map.entry(RequestId.of(2), none),
                Map.entry(RequestId.of(3), none));
    }

    @Test
    void readRequest_acceptsTimesWithAnOffset() throws Tr50Exception {
        Tr50Request request = Tr50Codec.readRequest(bytes("""
                {"1": {"command": "attribute.publish", "params": {"key": "k", "value": "v", "ts": "2026-01-01T11:00:00+01:00"}}}"""));

        AttributePublish attribute = (AttributePublish) request.command(RequestId.of(1)).orElseThrow();
        assertThat(attribute.ts()).contains(Instant.parse("2026-01-01T10:00:00Z"));
    }

    @Test
    void readRequest_readsAnUnknownCommandAsGenericAndWritesItBackUnchanged() throws Tr50Exception {
        String json = "{\"1\":{\"command\":\"diag.time\",\"params\":{\"precision\":1.50,\"flags\":[true,null,\"a\"]}}}";

        Tr50Request request = Tr50Codec.readRequest(bytes(json));

        Tr50Command command = request.command(RequestId.of(1)).orElseThrow();
        assertThat(command).isInstanceOf(UnknownCommand.class);
        assertThat(command.commandName()).isEqualTo("diag.time");
        assertThat(new String(Tr50Codec.compact(request), StandardCharsets.UTF_8)).isEqualTo(json);
    }

    @Test
    void readIncoming_letsAServerAnswerEachCommandOnItsOwn() throws Tr50Exception {
        IncomingRequest incoming = Tr50Codec.readIncoming(bytes("""
                {"1": {"command": "mailbox.check", "params": {"autoComplete": false}},
                 "2": {"command": "diag.ping"},
                 "3": {"command": "mailbox.check", "params": {"limit": "all"}},
                 "4": 7}"""));

        Tr50Response response = incoming.answer(
                command -> command instanceof UnknownCommand unknown
                        ? Tr50Result.failure(-1, "unknown command " + unknown.commandName())
                        : Tr50Result.success(new MailboxCheckResult(List.of()).toParams()),
                problem -> Tr50Result.failure(-2, problem));

        assertThat(response.results()).containsExactly(
                Map.entry(RequestId.of(1), Tr50Result.success(new MailboxCheckResult(List.of()).toParams())),
                Map.entry(RequestId.of(2), Tr50Result.failure(-1, "unknown command diag.ping")),
                Map.entry(RequestId.of(3), Tr50Result.failure(-2, "\"3\".params.limit: must be a whole number, found a string")),
                Map.entry(RequestId.of(4), Tr50Result.failure(-2, "\"4\": must be a command (a JSON object), found a whole number")));
    }

    @Test
    void readIncoming_stillRefusesABrokenEnvelope() {
        Tr50Exception e = catchThrowableOfType(() -> Tr50Codec.readIncoming(bytes("{\"x\": {}}")), Tr50Exception.class);

        assertThat(e).hasMessageStartingWith("x: is not a command id");
    }

    @Test
    void gatewaySupUpdate_keepsParamsItDoesNotKnowInTheirOrder() throws Tr50Exception {
        Params sent = Params.of((ObjectNode) JsonTree.parse(bytes(
                "{\"campaignId\": \"C-7\", \"Name\": \"acme-config-1.4.0\", \"timeout\": 1200, \"force\": {\"x\": 1}}"),
                "params"));

        GatewaySupUpdate update = GatewaySupUpdate.read(sent);

        assertThat(update.name()).isEqualTo("acme-config-1.4.0");
        assertThat(update.fileName()).isEqualTo("acme-config-1.4.0.sup");
        assertThat(update.timeout()).contains(1200);
        assertThat(update.others().names()).containsExactly("campaignId", "force");
        assertThat(update.toParams().toString())
                .isEqualTo("{\"name\":\"acme-config-1.4.0\",\"timeout\":1200,\"campaignId\":\"C-7\",\"force\":{\"x\":1}}");
    }

    @Test
    void gatewaySupUpdate_refusesANameThatIsNotOneLine() {
        Tr50Exception e = catchThrowableOfType(() -> GatewaySupUpdate.read(Params.builder().put("name", "a\nb").build()),
                Tr50Exception.class);

        assertThat(e).hasMessage("name: must not contain control characters");
    }

    @Test
    void mailboxCheckResult_readsAMessageWhoseCommandIsUnknown() throws Tr50Exception {
        Params params = Params.of((ObjectNode) JsonTree.parse(bytes("""
                {"messages": [{"id": "M-1", "command": "method.exec", "params": {"method": "gateway.sup.update",
                               "params": {"name": "acme", "timeout": 60}}, "ts": "2026-01-01T00:00:00Z"},
                              {"id": "M-2", "thingKey": "gw-1", "command": "thing.update", "params": {"name": "n"}}]}"""),
                "params"));

        MailboxCheckResult result = MailboxCheckResult.read(params);

        assertThat(result.messages()).extracting(MailboxMessage::id).containsExactly("M-1", "M-2");
        assertThat(result.messages().get(0).command()).isEqualTo(MethodExec.of(GatewaySupUpdate.of("acme", 60)));
        assertThat(result.messages().get(1).command()).isInstanceOf(UnknownCommand.class);
    }

    @Test
    void mailboxCheckResult_namesTheMessageThatIsWrong() {
        Params params = Params.builder().put("messages", JsonTree.NODES.arrayNode()
                .add(JsonTree.NODES.objectNode().put("id", "M-1").put("command", "method.exec")
                        .set("params", JsonTree.NODES.objectNode().put("method", "m")))
                .add(JsonTree.NODES.objectNode().put("command", "method.exec"))).build();

        Tr50Exception e = catchThrowableOfType(() -> MailboxCheckResult.read(params), Tr50Exception.class);

        assertThat(e).hasMessage("messages[1].id: missing");
        assertThat(e.within("\"1\".params")).hasMessage("\"1\".params.messages[1].id: missing");
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
