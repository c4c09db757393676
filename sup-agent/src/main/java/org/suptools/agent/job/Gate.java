package org.suptools.agent.job;

import java.util.Objects;
import java.util.Optional;

/**
 * What one stage of a job waits for: nothing ({@code automatic}), or an approval, and the approval
 * given so far. Fixed when the job is read from the mailbox (the gateway's policy, then the
 * campaign's {@code approval} param), so a policy changed later does not hold a job already started.
 *
 * @param needsApproval whether the stage waits for an approval
 * @param approval the approval given, if any
 */
public record Gate(boolean needsApproval, Optional<Approval> approval) {

    public static final Gate AUTOMATIC = new Gate(false, Optional.empty());
    public static final Gate APPROVAL = new Gate(true, Optional.empty());

    public Gate {
        approval = approval == null ? Optional.empty() : approval;
        Objects.requireNonNull(approval, "approval");
    }

    public static Gate of(boolean needsApproval) {
        return needsApproval ? APPROVAL : AUTOMATIC;
    }

    public Gate approved(Approval given) {
        return new Gate(needsApproval, Optional.of(given));
    }

    /** The approval spent without starting the stage (its window closed): the stage waits for a new one. */
    public Gate withdrawn() {
        return new Gate(needsApproval, Optional.empty());
    }
}
