package org.suptools.tr50;

import java.util.Optional;

/**
 * {@code mailbox.send {thingKey, command, params, ackTimeout, ttl, singleton}}: an application (or
 * the portal emulator's campaign) puts a command, usually a {@link MethodExec}, in a thing's
 * mailbox. The inner command's name and params are the {@code command} and {@code params} fields.
 *
 * @param thingKey the thing whose mailbox receives the command
 * @param command what the thing is to do
 * @param ackTimeout seconds the thing has to ack once it has the message
 * @param ttl seconds the message waits for the thing; -1 keeps it until the thing connects
 * @param singleton whether this message replaces an earlier one of the same command
 */
public record MailboxSend(String thingKey, Tr50Command command, Optional<Integer> ackTimeout, Optional<Integer> ttl,
        Optional<Boolean> singleton) implements Tr50Command {

    public static final String NAME = "mailbox.send";

    public MailboxSend {
        Checks.nonBlank("thingKey", thingKey);
        Checks.present("command", command);
        Checks.atLeast("ackTimeout", 1, ackTimeout);
        Checks.atLeast("ttl", -1, ttl);
        Checks.optional("singleton", singleton);
    }

    @Override
    public String commandName() {
        return NAME;
    }

    @Override
    public Params toParams() {
        Params.Builder out = Params.builder().put("thingKey", thingKey)
                .put("command", command.commandName())
                .put("params", command.toParams());
        ackTimeout.ifPresent(v -> out.put("ackTimeout", v));
        ttl.ifPresent(v -> out.put("ttl", v));
        singleton.ifPresent(v -> out.put("singleton", v));
        return out.build();
    }

    static MailboxSend read(FieldReader in) throws Tr50Exception {
        String thingKey = in.string("thingKey");
        Tr50Command command = Commands.readEntry(in);
        Optional<Integer> ackTimeout = in.optionalInteger("ackTimeout");
        Optional<Integer> ttl = in.optionalInteger("ttl");
        Optional<Boolean> singleton = in.optionalBool("singleton");
        return in.build(() -> new MailboxSend(thingKey, command, ackTimeout, ttl, singleton));
    }
}
