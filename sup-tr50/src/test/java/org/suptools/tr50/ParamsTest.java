package org.suptools.tr50;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Params are immutable values, equal when they write the same JSON. */
class ParamsTest {

    @Test
    void params_cannotBeChangedThroughWhatWentInOrCameOut() {
        ObjectNode source = JsonTree.NODES.objectNode().put("status", "success");
        source.putObject("nested").put("x", 1);
        Params params = Params.of(source);

        source.put("status", "failure");
        params.toJson().put("status", "changed");
        ((ObjectNode) params.get("nested").orElseThrow()).put("x", 2);

        assertThat(params).hasToString("{\"status\":\"success\",\"nested\":{\"x\":1}}");
    }

    @Test
    void params_areEqualWhenTheyWriteTheSameJson() {
        Params fromBuilder = Params.builder().put("n", 7).put("ok", true).build();
        Params fromTree = Params.of(JsonTree.NODES.objectNode().put("n", 7L).put("ok", true));

        assertThat(fromBuilder).isEqualTo(fromTree).hasSameHashCodeAs(fromTree);
        assertThat(fromBuilder).isNotEqualTo(Params.builder().put("ok", true).put("n", 7).build());
    }

    @Test
    void builder_refusesANameTwiceAndNumbersJsonCannotWrite() {
        assertThatThrownBy(() -> Params.builder().put("id", "a").put("id", "b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("id: given twice");
        assertThatThrownBy(() -> Params.of(JsonTree.NODES.objectNode().put("x", Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("params.x: JSON has no NaN");
    }

    @Test
    void records_refuseBadValuesNamingTheField() {
        assertThatThrownBy(() -> new MailboxCheck(Optional.empty(), Optional.of(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("limit: must be at least 1, was 0");
        assertThatThrownBy(() -> new FileGetResult("f", 1, 1L << 32))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("crc32: must be an unsigned 32-bit value (0 to 4294967295), was 4294967296");
        assertThatThrownBy(() -> new UnknownCommand(MailboxAck.NAME, Params.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("command: mailbox.ack is a typed command; use its record");
        assertThatThrownBy(() -> new GatewaySupUpdate("x", Optional.empty(), Params.builder().put("Timeout", 5).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Timeout: is a known field, not one of the others");
        assertThatThrownBy(() -> Tr50Request.of(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("commands: an envelope holds at least one entry");
    }
}
