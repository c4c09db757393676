package org.suptools.portal.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A campaign with its members' records, as {@code campaign status} and the JSON API show it.
 *
 * @param id the campaign's id
 * @param name its name
 * @param fileName the SUP it sends
 * @param timeout the seconds each gateway is given
 * @param state {@code Draft} (created), {@code Running} (started, members not all completed),
 *     {@code Completed}, or {@code Cancelled} (every member completed, those not done by then cancelled)
 * @param createdOn when it was created
 * @param startedOn when it was started
 * @param completedOn when its last member completed
 * @param cancelledOn when it was cancelled
 * @param succeeded members completed with success
 * @param failed members completed with failure
 * @param waitingForAcceptance members ({@code Offered}) that have not accepted a campaign that waits for
 *     acceptance: nothing is sent them until they do
 * @param members the members' records, in the campaign's order
 * @param approval the stages each member holds for {@code campaign approve} ({@code --approval})
 */
public record CampaignStatus(String id, String name, String fileName, int timeout, String state, Instant createdOn,
        Optional<Instant> startedOn, Optional<Instant> completedOn, Optional<Instant> cancelledOn, int succeeded, int failed,
        int waitingForAcceptance, List<MemberRecord> members, StageApprovals approval) {

    public static final String DRAFT = "Draft";
    public static final String RUNNING = "Running";
    public static final String COMPLETED = "Completed";
    public static final String CANCELLED = "Cancelled";

    public CampaignStatus {
        Objects.requireNonNull(id, "id");
        members = List.copyOf(members);
        approval = approval == null ? StageApprovals.NONE : approval;
    }

    /** The approval setting on one line: {@code download and execution wait for campaign approve}, or none. */
    public String describeApproval() {
        if (!approval.any()) {
            return "none: every stage runs as each gateway's own stagePolicy says";
        }
        String stages = approval.download() && approval.execution() ? "download and execution"
                : approval.download() ? "download" : "execution";
        return stages + (approval.download() && approval.execution() ? " wait" : " waits")
                + " for campaign approve on each gateway";
    }

    static CampaignStatus of(Campaign campaign, List<MemberRecord> members) {
        boolean allDone = members.stream().allMatch(MemberRecord::completed);
        String state = campaign.cancelled() ? CANCELLED : !campaign.started() ? DRAFT : allDone ? COMPLETED : RUNNING;
        Optional<Instant> completedOn = (campaign.started() || campaign.cancelled()) && allDone
                ? members.stream().map(m -> m.completedOn().orElseThrow()).max(Instant::compareTo) : Optional.empty();
        int succeeded = (int) members.stream().filter(m -> m.result().equals(Optional.of(MemberRecord.SUCCESS))).count();
        int failed = (int) members.stream().filter(m -> m.result().equals(Optional.of(MemberRecord.FAILURE))).count();
        int offered = (int) members.stream().filter(MemberRecord::waitingForAcceptance).count();
        return new CampaignStatus(campaign.id(), campaign.name(), campaign.fileName(), campaign.timeout(), state,
                campaign.createdOn(), campaign.startedOn(), completedOn, campaign.cancelledOn(), succeeded, failed,
                offered, members, campaign.approval());
    }
}
