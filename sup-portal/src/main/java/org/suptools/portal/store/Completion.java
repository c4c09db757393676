package org.suptools.portal.store;

/**
 * Who completed a mailbox message. The portal completes one itself when its ack timeout passes or its campaign is cancelled; a
 * later {@code mailbox.ack} of such a message is answered with success (so the gateway stops sending
 * it) and leaves the record as the portal wrote it.
 */
public enum Completion {
    /** The thing's {@code mailbox.ack}. */
    ACK,
    /** A {@code mailbox.check} with {@code autoComplete: true}. */
    AUTO_COMPLETE,
    /** The portal: no ack within the message's ack timeout. */
    TIMEOUT,
    /** The portal: its campaign was cancelled. */
    CANCEL;

    /** Whether the portal, not the thing, completed the message: a later ack of it is late. */
    public boolean byPortal() {
        return this == TIMEOUT || this == CANCEL;
    }
}
