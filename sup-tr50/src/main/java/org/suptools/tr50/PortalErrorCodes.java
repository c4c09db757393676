package org.suptools.tr50;

/**
 * The {@code errorCodes} of a failed {@link Tr50Result} that the public record documents. No full
 * list of the portal's codes is public; a reader must accept any int.
 */
public final class PortalErrorCodes {

    /** A {@code file.get} (or a campaign's SUP) names a file the portal does not have. */
    public static final int FILE_NOT_FOUND = -90008;

    // The codes below are the portal emulator's own (sup-portal): the real portal's codes for these
    // cases are not public. A client tells the cases apart by these codes, never by the message text.

    /** The command's name is not one the portal serves. */
    public static final int UNKNOWN_COMMAND = -91001;

    /** A field of the command's params is missing, of the wrong type or out of range. */
    public static final int INVALID_PARAMS = -91002;

    /** The command names a thing other than the one that sent it. */
    public static final int NOT_AUTHORIZED = -91003;

    /** A {@code mailbox.update} or {@code mailbox.ack} names a message the thing does not have. */
    public static final int MAILBOX_MESSAGE_NOT_FOUND = -91004;

    /**
     * A {@code mailbox.update} or {@code mailbox.ack} names a message already completed: a resent ack
     * whose first copy arrived. Nothing changed; an agent may take its ack as delivered.
     */
    public static final int MAILBOX_MESSAGE_COMPLETED = -91005;

    /** The request is not a TR50 envelope (not JSON, not an object keyed by command ids, not inflatable). */
    public static final int MALFORMED_REQUEST = -91006;

    /**
     * A campaign member's record, never a reply: the gateway took its mailbox message but sent no
     * {@code mailbox.ack} within the message's ack timeout (the campaign's {@code timeout}), so the
     * portal completed it as a failure. A later ack of it is answered with success and changes nothing.
     */
    public static final int NO_ANSWER_WITHIN_TIMEOUT = -91007;

    /**
     * A campaign member's record, never a reply: the campaign was cancelled before the member completed.
     * A later ack of its message is answered with success and changes nothing.
     */
    public static final int CANCELLED = -91008;

    /** {@code gateway.sup.campaign.accept} of a campaign that does not exist or does not have the thing as a member. */
    public static final int CAMPAIGN_NOT_FOUND = -91009;

    /** {@code gateway.sup.campaign.accept} of a campaign not started yet, or cancelled. */
    public static final int CAMPAIGN_NOT_OPEN = -91010;

    private PortalErrorCodes() {
    }
}
