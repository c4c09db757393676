package org.suptools.tr50;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A malformed request or reply is refused with one line that names the field and says what is
 * wrong in plain words: no parser class names, token names, source excerpts or line breaks.
 */
class MalformedMessageTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // the envelope
        "[]                                                  | the request must be a JSON object keyed by command id, found an array",
        "`\"1\"`                                             | the request must be a JSON object keyed by command id, found a string",
        "42                                                  | the request must be a JSON object keyed by command id, found a whole number",
        "null                                                | the request must be a JSON object keyed by command id, found null",
        "{}                                                  | the request has no entries",
        "``                                                  | the request is empty",
        "{\"1\": {\"command\": \"mailbox.check\"}} {}        | the request goes on after its JSON value (line 1, column 37)",
        "{\"1\": {\"command\": \"mailbox.check\"             | \"1\".command: ends in the middle of a JSON value",
        "{\"1\": {\"command\": 'mailbox.check'}}             | \"1\": is not valid JSON (line 1, column 19)",
        "{\"1\": {\"command\": \"a\"}, \"1\": {\"command\": \"b\"}} | \"1\": is given twice",
        // ids
        "{\"0\": {\"command\": \"mailbox.check\"}}           | \"0\": is not a command id: ids are positive whole numbers without leading zeros, such as \"1\"",
        "{\"-1\": {\"command\": \"mailbox.check\"}}          | \"-1\": is not a command id: ids are positive whole numbers without leading zeros, such as \"1\"",
        "{\"01\": {\"command\": \"mailbox.check\"}}          | \"01\": is not a command id: ids are positive whole numbers without leading zeros, such as \"1\"",
        "{\"one\": {\"command\": \"mailbox.check\"}}         | one: is not a command id: ids are positive whole numbers without leading zeros, such as \"1\"",
        "{\"1.0\": {\"command\": \"mailbox.check\"}}         | \"1.0\": is not a command id: ids are positive whole numbers without leading zeros, such as \"1\"",
        "{\"2147483648\": {\"command\": \"mailbox.check\"}}  | \"2147483648\": is not a command id: ids are positive whole numbers without leading zeros, such as \"1\"",
        // each command entry
        "{\"1\": \"mailbox.check\"}                          | \"1\": must be a command (a JSON object), found a string",
        "{\"1\": {\"params\": {}}}                           | \"1\".command: missing",
        "{\"1\": {\"command\": null}}                        | \"1\".command: missing",
        "{\"1\": {\"command\": 7}}                           | \"1\".command: must be a string, found a whole number",
        "{\"1\": {\"command\": \" \"}}                       | \"1\".command: must not be blank",
        "{\"1\": {\"command\": \"mailbox.check\", \"params\": \"all\"}} | \"1\".params: must be an object (a JSON object), found a string",
        "{\"1\": {\"command\": \"mailbox.check\", \"params\": [1]}}     | \"1\".params: must be an object (a JSON object), found an array",
        "{\"1\": {\"command\": \"x\", \"Command\": \"y\"}}   | \"1\".command: is given more than once: \"command\", \"Command\"",
        // typed params
        "{\"1\": {\"command\": \"mailbox.check\", \"params\": {\"limit\": \"ten\"}}}   | \"1\".params.limit: must be a whole number, found a string",
        "{\"1\": {\"command\": \"mailbox.check\", \"params\": {\"limit\": 2.5}}}       | \"1\".params.limit: must be a whole number, found a decimal number",
        "{\"1\": {\"command\": \"mailbox.check\", \"params\": {\"limit\": 0}}}         | \"1\".params.limit: must be at least 1, was 0",
        "{\"1\": {\"command\": \"mailbox.check\", \"params\": {\"limit\": 99999999999}}} | \"1\".params.limit: is out of range: 99999999999",
        "{\"1\": {\"command\": \"mailbox.check\", \"params\": {\"autoComplete\": \"no\"}}} | \"1\".params.autoComplete: must be true or false, found a string",
        "{\"1\": {\"command\": \"mailbox.ack\", \"params\": {\"errorCode\": 0}}}       | \"1\".params.id: missing",
        "{\"1\": {\"command\": \"mailbox.ack\", \"params\": {\"id\": \"M-1\"}}}        | \"1\".params.errorCode: missing",
        "{\"1\": {\"command\": \"mailbox.ack\", \"params\": {\"id\": \"\", \"errorCode\": 0}}} | \"1\".params.id: must not be blank",
        "{\"1\": {\"command\": \"mailbox.ack\", \"params\": {\"id\": \"M\", \"errorCode\": 0, \"params\": 3}}} | \"1\".params.params: must be an object (a JSON object), found a whole number",
        "{\"1\": {\"command\": \"log.publish\", \"params\": {\"msg\": \"m\", \"level\": 3}}} | \"1\".params.level: must be 0 (error), 1 (warning) or 2 (info), found 3",
        "{\"1\": {\"command\": \"log.publish\", \"params\": {\"msg\": \"m\", \"ts\": \"yesterday\"}}} | \"1\".params.ts: must be an ISO-8601 time such as 2026-01-01T10:00:00Z, found \"yesterday\"",
        "{\"1\": {\"command\": \"file.get\", \"params\": {\"fileName\": \"a\\nb.sup\"}}}   | \"1\".params.fileName: must not contain control characters",
        "{\"1\": {\"command\": \"mailbox.send\", \"params\": {\"thingKey\": \"gw\", \"command\": \"method.exec\", \"params\": {}}}} | \"1\".params.params.method: missing",
        "{\"1\": {\"command\": \"mailbox.send\", \"params\": {\"thingKey\": \"gw\", \"command\": \"diag.ping\", \"ttl\": -2}}} | \"1\".params.ttl: must be at least -1, was -2",
    })
    void readRequest_refusesWithALocatedSentence(String json, String message) {
        Tr50Exception e = refused(json);

        assertThat(e).hasMessage(message);
        assertPlainOneLine(e);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "[{\"success\": true}]                               | the reply must be a JSON object keyed by command id, found an array",
        "{\"1\": {\"params\": {}}}                           | \"1\".success: missing",
        "{\"1\": {\"success\": \"true\"}}                    | \"1\".success: must be true or false, found a string",
        "{\"1\": {\"success\": true, \"params\": []}}        | \"1\".params: must be an object (a JSON object), found an array",
        "{\"1\": {\"success\": false, \"errorCodes\": -90008}} | \"1\".errorCodes: must be an array, found a whole number",
        "{\"1\": {\"success\": false, \"errorCodes\": [-90008, \"x\"]}} | \"1\".errorCodes[1]: must be a whole number, found a string",
        "{\"1\": {\"success\": false, \"errorMessages\": [null]}} | \"1\".errorMessages[0]: must be a string, found null",
        "{\"1\": {\"success\": false, \"errorCodes\": [1], \"errorcodes\": [2]}} | \"1\".errorCodes: is given more than once: \"errorCodes\", \"errorcodes\"",
    })
    void readResponse_refusesWithALocatedSentence(String json, String message) {
        Tr50Exception e = catchThrowableOfType(() -> Tr50Codec.readResponse(bytes(json)), Tr50Exception.class);

        assertThat(e).hasMessage(message);
        assertPlainOneLine(e);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"1\": {\"command\": \"mailbox.check\", \"params\": {\"limit\": 1e400000000000}}}",
        "{\"1\": \u0000}",
        "{\"1\": {\"command\": \"mailbox.check\", \"params\": {\"a\": [1, 2,]}}}",
        "{\"1\": {\"command\": \"mailbox.check\", \"params\": {/* comment */}}}",
        "{\"1\": {\"command\": \"mailbox.check\", \"params\": {\"a\": NaN}}}",
        "{\"1\": {\"command\": \"mailbox.check\", \"params\": {\"a\": 012}}}",
        "\ufeff{\"1\": {\"command\": \"mailbox.check\"}",
    })
    void readRequest_translatesEveryParserFailure(String json) {
        assertPlainOneLine(refused(json));
    }

    @Test
    void readRequest_refusesNestingDeeperThanTheLimit() {
        String deep = "{\"1\": {\"command\": \"x\", \"params\": " + "{\"a\": ".repeat(70) + "1" + "}".repeat(72);

        Tr50Exception e = refused(deep);

        assertThat(e.problem()).isEqualTo("is nested deeper than 64 levels");
        assertThat(e.location()).startsWith("\"1\".params.a.a.a");
    }

    @Test
    void readRequest_refusesBytesThatAreNotUtf8() {
        byte[] latin1 = "{\"1\": {\"command\": \"caf\u00e9\"}}".getBytes(StandardCharsets.ISO_8859_1);

        Tr50Exception e = catchThrowableOfType(() -> Tr50Codec.readRequest(latin1), Tr50Exception.class);

        assertThat(e).hasMessageStartingWith("\"1\".command: is not valid JSON");
        assertPlainOneLine(e);
    }

    @Test
    void messages_quoteAndShortenAHostileValue() {
        String hostile = "x".repeat(500) + "\n";

        Tr50Exception e = refused("{\"1\": {\"command\": \"log.publish\", \"params\": {\"msg\": \"m\", \"ts\": \""
                + hostile.replace("\n", "\\n") + "\"}}}");

        assertThat(e.getMessage()).hasSizeLessThan(200).endsWith("xxx...\"");
        assertPlainOneLine(e);
    }

    @Test
    void messages_escapeWhatCouldSplitOrDisguiseALogLine() {
        Tr50Exception e = refused("{\"1\": {\"command\": \"log.publish\", \"params\": {\"msg\": \"m\", "
                + "\"ts\": \"a\u2028b\u202ec\\u0007\\\"d\"}}}");

        assertThat(e.getMessage()).endsWith("found \"a\\u2028b\\u202ec\\u0007\\\"d\"");
    }

    private static Tr50Exception refused(String json) {
        Tr50Exception e = catchThrowableOfType(() -> Tr50Codec.readRequest(bytes(json)), Tr50Exception.class);
        assertThat(e).as("refusal of %s", json).isNotNull();
        return e;
    }

    static void assertPlainOneLine(Tr50Exception e) {
        assertThat(e.getMessage())
                .doesNotContain("\n", "\r", "com.fasterxml", "jackson", "Jackson", "Source:", "(code", "JsonToken",
                        "START_OBJECT", "VALUE_", "Unexpected character", "at [");
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
