package org.suptools.portal.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A member's {@code gateway.sup.schedule} message and the agent's ack of it: {@code 0} approved (now or
 * for its window), {@code 2} bad params or a stage that needs no approval or has already started,
 * {@code 12} no unfinished update of the campaign on the gateway, {@code 18} not supported.
 *
 * @param type {@code download} or {@code execution}
 * @param startTime the window's start, milliseconds since the epoch (0 now)
 * @param endTime the window's end, milliseconds since the epoch (0 no end)
 * @param mailboxId the message's id
 * @param status {@code Ready}, {@code In Progress} or {@code Completed}, as for the member's record
 * @param sentOn when it was queued
 * @param ackedOn when the agent acked it
 * @param errorCode the ack's code
 * @param errorMessage the ack's message
 */
public record ApprovalRecord(String type, long startTime, long endTime, String mailboxId, String status,
        Instant sentOn, Optional<Instant> ackedOn, Optional<Integer> errorCode, Optional<String> errorMessage) {

    public ApprovalRecord {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(mailboxId, "mailboxId");
        Objects.requireNonNull(status, "status");
    }

    static ApprovalRecord of(ApprovalOrder order, String mailboxId, Optional<MailboxItem> item) {
        String status = item.map(m -> switch (m.state()) {
            case NEW -> MemberRecord.READY;
            case IN_FLIGHT -> MemberRecord.IN_PROGRESS;
            case COMPLETED -> MemberRecord.COMPLETED;
        }).orElse(MemberRecord.READY);
        return new ApprovalRecord(order.type(), order.startTime(), order.endTime(), mailboxId, status, order.sentOn(),
                item.flatMap(MailboxItem::completedOn), item.flatMap(MailboxItem::errorCode),
                item.flatMap(MailboxItem::errorMessage).filter(m -> !m.isEmpty()));
    }

    /** One line for {@code campaign status}: the stage, its window and the ack. */
    public String describe() {
        String window = startTime == 0 && endTime == 0 ? "now" : "window "
                + (startTime == 0 ? "now" : Instant.ofEpochMilli(startTime).toString()) + ".."
                + (endTime == 0 ? "" : Instant.ofEpochMilli(endTime).toString());
        String ack = errorCode.map(code -> code == 0 ? "approved" : "refused " + code + errorMessage.map(m -> " " + m)
                .orElse("")).orElse(status.equals(MemberRecord.READY) ? "not taken yet" : "taken, no ack yet");
        return type + " " + window + ": " + ack;
    }
}
