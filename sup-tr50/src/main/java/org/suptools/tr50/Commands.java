package org.suptools.tr50;

import java.util.Map;
import java.util.Set;

/** The registry of typed commands by name: one reader per command, the others read as unknown. */
final class Commands {

    @FunctionalInterface
    private interface Reader {
        Tr50Command read(FieldReader params) throws Tr50Exception;
    }

    private static final Map<String, Reader> READERS = Map.ofEntries(
            Map.entry(MailboxCheck.NAME, MailboxCheck::read),
            Map.entry(MailboxUpdate.NAME, MailboxUpdate::read),
            Map.entry(MailboxAck.NAME, MailboxAck::read),
            Map.entry(MailboxSend.NAME, MailboxSend::read),
            Map.entry(MethodExec.NAME, MethodExec::read),
            Map.entry(FileGet.NAME, FileGet::read),
            Map.entry(LogPublish.NAME, LogPublish::read),
            Map.entry(AttributePublish.NAME, AttributePublish::read),
            Map.entry(AlarmPublish.NAME, AlarmPublish::read),
            Map.entry(UpdateCheck.NAME, UpdateCheck::read),
            Map.entry(CampaignList.NAME, CampaignList::read),
            Map.entry(CampaignAccept.NAME, CampaignAccept::read));

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
