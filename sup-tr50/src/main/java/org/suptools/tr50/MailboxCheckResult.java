package org.suptools.tr50;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The params of a successful {@code mailbox.check} reply: {@code {messages: [...]}}.
 *
 * @param messages the waiting messages, oldest first as the portal lists them
 */
public record MailboxCheckResult(List<MailboxMessage> messages) {

    public MailboxCheckResult {
        messages = Checks.list("messages", messages);
    }

    public Params toParams() {
        List<JsonNode> list = new ArrayList<>();
        messages.forEach(message -> list.add(message.toParams().toJson()));
        return Params.builder().put("messages", JsonTree.NODES.arrayNode().addAll(list)).build();
    }

    /**
     * Reads the params of a {@code mailbox.check} reply. A message whose command this module does
     * not know is kept as an {@link UnknownCommand}.
     *
     * @throws Tr50Exception naming the field relative to the params, such as {@code messages[0].id}
     */
    public static MailboxCheckResult read(Params params) throws Tr50Exception {
        FieldReader in = FieldReader.of(params, Location.root());
        List<JsonNode> elements = in.array("messages");
        List<MailboxMessage> messages = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            messages.add(MailboxMessage.read(FieldReader.of(elements.get(i), Location.root().field("messages").index(i),
                    "a mailbox message")));
        }
        return new MailboxCheckResult(messages);
    }
}
