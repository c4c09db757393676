package org.suptools.portal.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A campaign member's record, read from its mailbox message: in a campaign that waits for acceptance,
 * {@code Offered} until the gateway accepts it (no message is sent it before); {@code Ready} until the gateway checks its
 * mailbox, {@code In Progress} until it acks, then {@code Completed} with result {@code success}
 * (code 0) or {@code failure} and the ack's code and message; or {@code failure} with
 * {@code -91007} when it did not ack within the campaign's timeout.
 *
 * @param thingKey the gateway
 * @param mailboxId its mailbox message
 * @param status {@code Offered}, {@code Ready}, {@code In Progress} or {@code Completed}
 * @param result {@code success} or {@code failure}, once completed
 * @param errorCode the ack's code, once completed
 * @param errorMessage the ack's message, on failure
 * @param startedOn when the gateway took the message
 * @param completedOn when it acked, or when the portal stopped waiting for the ack
 * @param ackDueBy while in progress, when the portal stops waiting for the ack (hand-out plus the
 *     campaign's timeout)
 * @param progress the last {@code mailbox.update} text
 * @param log the lines it published with the message's id as {@code corrId}
 * @param agentState the update's state as the gateway's agent last published it ({@code sup.update.state}),
 *     while that names this member's message
 * @param approvals the {@code gateway.sup.schedule} messages {@code campaign approve} sent it, with the
 *     agent's acks, oldest first
 */
public record MemberRecord(String thingKey, String mailboxId, String status, Optional<String> result,
        Optional<Integer> errorCode, Optional<String> errorMessage, Optional<Instant> startedOn,
        Optional<Instant> completedOn, Optional<Instant> ackDueBy, Optional<String> progress, List<LogLine> log,
        Optional<AgentState> agentState, List<ApprovalRecord> approvals) {

    /** A member of a campaign that waits for acceptance, which has not accepted yet: nothing is sent it. */
    public static final String OFFERED = "Offered";
    public static final String READY = "Ready";
    public static final String IN_PROGRESS = "In Progress";
    public static final String COMPLETED = "Completed";
    public static final String SUCCESS = "success";
    public static final String FAILURE = "failure";

    public MemberRecord {
        Objects.requireNonNull(thingKey, "thingKey");
        Objects.requireNonNull(mailboxId, "mailboxId");
        Objects.requireNonNull(status, "status");
        log = List.copyOf(log);
        Objects.requireNonNull(agentState, "agentState");
        approvals = List.copyOf(approvals);
    }

    /** With what the agent published and the approvals sent to it. */
    MemberRecord with(Optional<AgentState> state, List<ApprovalRecord> sent) {
        return new MemberRecord(thingKey, mailboxId, status, result, errorCode, errorMessage, startedOn, completedOn,
                ackDueBy, progress, log, state, sent);
    }

    /** The record of a member whose message was not sent yet, or not found. */
    static MemberRecord ready(Campaign.Member member) {
        return new MemberRecord(member.thingKey(), member.mailboxId(), READY, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
                Optional.empty(), List.of());
    }

    /** The record of a member that has not accepted a campaign that waits for acceptance: nothing was sent it. */
    static MemberRecord offered(Campaign.Member member) {
        return new MemberRecord(member.thingKey(), member.mailboxId(), OFFERED, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
                Optional.empty(), List.of());
    }

    /** The record of a member of a cancelled campaign whose message was never sent (a draft, say). */
    static MemberRecord cancelled(Campaign.Member member, String campaignId, Instant at) {
        return new MemberRecord(member.thingKey(), member.mailboxId(), COMPLETED, Optional.of(FAILURE),
                Optional.of(org.suptools.tr50.PortalErrorCodes.CANCELLED), Optional.of("cancelled: campaign "
                        + campaignId + " was cancelled at " + at + " before its message was sent"),
                Optional.empty(), Optional.of(at), Optional.empty(), Optional.empty(), List.of(), Optional.empty(),
                List.of());
    }

    static MemberRecord of(MailboxItem item, List<LogLine> log) {
        String status = switch (item.state()) {
            case NEW -> READY;
            case IN_FLIGHT -> IN_PROGRESS;
            case COMPLETED -> COMPLETED;
        };
        Optional<String> result = item.errorCode().map(code -> code == 0 ? SUCCESS : FAILURE);
        Optional<String> errorMessage = item.errorMessage().filter(m -> !m.isEmpty());
        Optional<String> progress = item.progress().isEmpty() ? Optional.empty()
                : Optional.of(item.progress().get(item.progress().size() - 1).msg());
        return new MemberRecord(item.thingKey(), item.id(), status, result, item.errorCode(), errorMessage,
                item.checkedOn(), item.completedOn(), item.ackDeadline(), progress, log, Optional.empty(), List.of());
    }

    public boolean completed() {
        return status.equals(COMPLETED);
    }

    /** Whether it waits for its gateway to accept the campaign: no approval or update is sent it until then. */
    public boolean waitingForAcceptance() {
        return status.equals(OFFERED);
    }
}
