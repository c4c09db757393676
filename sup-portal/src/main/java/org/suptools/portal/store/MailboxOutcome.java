package org.suptools.portal.store;

/** What a {@code mailbox.update} or {@code mailbox.ack} did to the message it names. */
public sealed interface MailboxOutcome {

    /** The message changed; {@code item} is its new state. */
    record Done(MailboxItem item) implements MailboxOutcome {
    }

    /** The thing has no message with that id (another thing's message counts as none). */
    record NotFound(String id) implements MailboxOutcome {
    }

    /**
     * The portal completed the message (no ack within its timeout): the command is late. It is answered
     * with success, so the thing stops sending it, and changes nothing.
     */
    record CompletedByPortal(MailboxItem item) implements MailboxOutcome {
    }

    /** The message was already completed; nothing changed. */
    record AlreadyCompleted(MailboxItem item) implements MailboxOutcome {
    }
}
