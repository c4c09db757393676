package org.suptools.portal.store;

/** Where a mailbox message is: {@code new -> in-flight -> completed}, as in the portal. */
public enum MailboxState {
    /** Waiting for the thing's next {@code mailbox.check}. */
    NEW,
    /** Handed out by a {@code mailbox.check}, waiting for its {@code mailbox.ack}. */
    IN_FLIGHT,
    /** Acked (with its error code, 0 on success), or handed out by an auto-completing check. */
    COMPLETED
}
