package org.suptools.portal.store;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code gateway.sup.update} campaign as stored. Its members' records are read from their mailbox
 * messages (see {@link CampaignStatus}); the campaign itself only says which message is whose.
 *
 * @param id such as {@code C0001}
 * @param name the name it was given
 * @param fileName the Developer File, ending in {@code .sup}
 * @param timeout the seconds each gateway is given, sent as the method's {@code timeout}
 * @param members one per thing, in the order given
 * @param started whether its messages were sent
 * @param createdOn when it was created
 * @param startedOn when it was started
 * @param cancelledOn when it was cancelled: its members not completed then are failures, and it cannot
 *     be started again
 * @param approval the stages each gateway holds for {@code campaign approve} (files written before this
 *     field existed: none)
 * @param approvals each {@code campaign approve}, oldest first
 * @param acceptance whether a member's update is sent only once its gateway accepts the campaign
 *     ({@code gateway.sup.campaign.accept}; files written before this field existed: false)
 * @param accepted the members that accepted, in the order they did
 */
public record Campaign(String id, String name, String fileName, int timeout, List<Member> members, boolean started,
        Instant createdOn, Optional<Instant> startedOn, Optional<Instant> cancelledOn, StageApprovals approval,
        List<ApprovalOrder> approvals, boolean acceptance, List<String> accepted) {

    public Campaign {
        Objects.requireNonNull(id, "id");
        if (name == null || name.isBlank() || name.contains("\n")) {
            throw new IllegalArgumentException("name: a campaign name is one non-blank line");
        }
        Names.fileName("file", fileName);
        if (!fileName.endsWith(".sup") || fileName.equals(".sup")) {
            throw new IllegalArgumentException("file: only a .sup Developer File can be chosen for gateway.sup.update,"
                    + " was '" + fileName + "'");
        }
        if (timeout < 1) {
            throw new IllegalArgumentException("timeout: must be at least 1 second, was " + timeout);
        }
        members = List.copyOf(Objects.requireNonNull(members, "members"));
        if (members.isEmpty()) {
            throw new IllegalArgumentException("things: a campaign needs at least one thing");
        }
        Set<String> seen = new HashSet<>();
        for (Member member : members) {
            if (!seen.add(member.thingKey())) {
                throw new IllegalArgumentException("things: " + member.thingKey() + " is listed twice");
            }
        }
        Objects.requireNonNull(createdOn, "createdOn");
        Objects.requireNonNull(startedOn, "startedOn");
        cancelledOn = cancelledOn == null ? Optional.empty() : cancelledOn;
        approval = approval == null ? StageApprovals.NONE : approval;
        approvals = approvals == null ? List.of() : List.copyOf(approvals);
        accepted = accepted == null ? List.of() : List.copyOf(accepted);
    }

    /** Started now. */
    Campaign startedAt(Instant now) {
        return new Campaign(id, name, fileName, timeout, members, true, createdOn, Optional.of(now), cancelledOn,
                approval, approvals, acceptance, accepted);
    }

    /** Cancelled now. */
    Campaign cancelledAt(Instant now) {
        return new Campaign(id, name, fileName, timeout, members, started, createdOn, startedOn, Optional.of(now),
                approval, approvals, acceptance, accepted);
    }

    /** With one more {@code campaign approve}. */
    Campaign approved(ApprovalOrder order) {
        List<ApprovalOrder> more = new java.util.ArrayList<>(approvals);
        more.add(order);
        return new Campaign(id, name, fileName, timeout, members, started, createdOn, startedOn, cancelledOn,
                approval, more, acceptance, accepted);
    }

    /** With one more member that accepted. */
    Campaign acceptedBy(String thingKey) {
        List<String> more = new java.util.ArrayList<>(accepted);
        more.add(thingKey);
        return new Campaign(id, name, fileName, timeout, members, started, createdOn, startedOn, cancelledOn,
                approval, approvals, acceptance, more);
    }

    /** Whether the member's update is (to be) sent: always, unless the campaign waits for its acceptance. */
    public boolean sendsTo(String thingKey) {
        return !acceptance || accepted.contains(thingKey);
    }

    public boolean cancelled() {
        return cancelledOn.isPresent();
    }

    /** The SUP's name as {@code gateway.sup.update} sends it: the file name without {@code .sup}. */
    public String supName() {
        return fileName.substring(0, fileName.length() - ".sup".length());
    }

    /**
     * One thing of the campaign and the id of the mailbox message it is sent.
     *
     * @param thingKey the thing
     * @param mailboxId its message's id, fixed when the campaign is created so that a start cut short
     *     and run again sends the same messages
     */
    public record Member(String thingKey, String mailboxId) {

        public Member {
            Names.thingKey("things", thingKey);
            Objects.requireNonNull(mailboxId, "mailboxId");
        }
    }
}
