package org.suptools.tr50;

/**
 * One command of a TR50 request: its name on the wire and its params. Each command the gateway
 * agent, the installer or the portal emulator uses has its own record; any other name is read as
 * an {@link UnknownCommand} so that a server can answer it instead of failing the whole request.
 */
public sealed interface Tr50Command permits MailboxCheck, MailboxUpdate, MailboxAck, MailboxSend, MethodExec,
        FileGet, LogPublish, AttributePublish, AlarmPublish, UpdateCheck, CampaignList, CampaignAccept, UnknownCommand {

    /** The command's name on the wire, such as {@code mailbox.check}. */
    String commandName();

    /** The command's params as they go on the wire, in a fixed field order; absent fields are left out. */
    Params toParams();
}
