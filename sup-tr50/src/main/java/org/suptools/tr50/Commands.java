package org.suptools.tr50;

import java.util.Map;
import java.util.Set;

/** The registry of typed commands by name: one reader per command, the others read as unknown. */
final class Commands {

    @FunctionalInterface
    private interface Reader {
        Tr50Command read(FieldReader params) throws Tr50Exception;
    }

    private static final Map<String, Reader> READERS = Map.of(
            MailboxCheck.NAME, MailboxCheck::read,
            MailboxUpdate.NAME, MailboxUpdate::read,
            MailboxAck.NAME, MailboxAck::read,
            MailboxSend.NAME, MailboxSend::read,
            MethodExec.NAME, MethodExec::read,
            FileGet.NAME, FileGet::read,
            LogPublish.NAME, LogPublish::read,
            AttributePublish.NAME, AttributePublish::read,
            AlarmPublish.NAME, AlarmPublish::read,
            UpdateCheck.NAME, UpdateCheck::read);

    private Commands() {
    }

    static Set<String> known() {
        return READERS.keySet();
    }

    /**
     * A command as it sits in a request, a mailbox message or a {@code mailbox.send}:
     * {@code {"command": ..., "params": {...}}}, params absent meaning none.
     */
    static Tr50Command readEntry(FieldReader entry) throws Tr50Exception {
        String name = entry.string("command");
        FieldReader params = entry.object("params");
        Reader reader = READERS.get(name);
        if (reader == null) {
            Params given = params.all();
            return entry.build(() -> new UnknownCommand(name, given));
        }
        return reader.read(params);
    }

    static Params entry(Tr50Command command) {
        return Params.builder().put("command", command.commandName()).put("params", command.toParams()).build();
    }
}
