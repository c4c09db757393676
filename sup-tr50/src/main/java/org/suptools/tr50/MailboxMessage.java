package org.suptools.tr50;

import java.util.Optional;

/**
 * One message of a {@code mailbox.check} reply: {@code {id, thingKey, command, params}}. For a
 * campaign the command is a {@link MethodExec} of {@code gateway.sup.update}; the message's id is
 * what {@link MailboxUpdate} and {@link MailboxAck} name.
 *
 * @param id the message's id
 * @param thingKey the thing it is for
 * @param command what the thing is to do
 */
public record MailboxMessage(String id, Optional<String> thingKey, Tr50Command command) {

    public MailboxMessage {
        Checks.nonBlank("id", id);
        Checks.nonBlank("thingKey", thingKey);
        Checks.present("command", command);
    }

    Params toParams() {
        Params.Builder out = Params.builder().put("id", id);
        thingKey.ifPresent(v -> out.put("thingKey", v));
        return out.put("command", command.commandName()).put("params", command.toParams()).build();
    }

    static MailboxMessage read(FieldReader in) throws Tr50Exception {
        String id = in.string("id");
        Optional<String> thingKey = in.optionalString("thingKey");
        Tr50Command command = Commands.readEntry(in);
        return in.build(() -> new MailboxMessage(id, thingKey, command));
    }
}
