package org.suptools.agent.update;

import java.time.Instant;
import java.util.Optional;
import org.suptools.agent.job.Approval;
import org.suptools.agent.job.Gate;
import org.suptools.agent.job.ScheduleRequest;
import org.suptools.agent.job.Stage;
import org.suptools.agent.job.StageKind;
import org.suptools.agent.job.UpdateJob;
import org.suptools.tr50.AckCodes;

/**
 * The rules before a stage starts (seed 000): a stage that needs no approval may start; one that
 * does waits for it ({@code WAITING_FOR_*_APPROVAL}), then for its window to open
 * ({@code SCHEDULED_*}), and may start inside it. A window that closes before the stage started
 * spends the approval: the stage waits for a new one. A stage once started runs to its end,
 * whatever its window does.
 */
public final class StageGates {

    private StageGates() {
    }

    /** Where the job stands before the stage at {@code now}: waiting, scheduled, or free to start. */
    public static UpdateJob settle(UpdateJob job, StageKind kind, Instant now) {
        Gate gate = job.gate(kind);
        if (!gate.needsApproval()) {
            return moved(job, ready(kind), now);
        }
        if (gate.approval().isEmpty()) {
            return moved(job, waiting(kind), now);
        }
        Approval approval = gate.approval().get();
        if (approval.closed(now)) {
            return job.gated(kind, gate.withdrawn(), now).at(waiting(kind), now);
        }
        return moved(job, approval.pending(now) ? scheduled(kind) : ready(kind), now);
    }

    /** True when a settled job can start the stage now. */
    public static boolean mayStart(UpdateJob job, StageKind kind) {
        return job.stage() == ready(kind);
    }

    /** When the window of a scheduled job opens, for the daemon to wake then. */
    public static Optional<Instant> opensAt(UpdateJob job) {
        if (job.stage() == Stage.SCHEDULED_DOWNLOAD) {
            return job.download().approval().map(Approval::opens);
        }
        if (job.stage() == Stage.SCHEDULED_EXECUTION) {
            return job.execution().approval().map(Approval::opens);
        }
        return Optional.empty();
    }

    /** Whether the job, as it stands, is held before this stage (so an approval changes its state at once). */
    static boolean heldBefore(UpdateJob job, StageKind kind) {
        Stage stage = job.stage();
        return stage == waiting(kind) || stage == scheduled(kind) || stage == ready(kind);
    }

    /**
     * An approval given to a job: its record with the approval, settled at once when the job is
     * held before that stage (and kept for later when the stage is still ahead), or why it cannot
     * be given, with the ack code the portal gets for it.
     */
    public static Applied approve(UpdateJob job, ScheduleRequest request, Instant now) {
        StageKind kind = request.type();
        String what = "the " + kind.label() + " of campaign " + request.campaignId() + " (mailbox message "
                + job.mailboxId() + ")";
        if (kind == StageKind.ACTIVATION) {
            return Applied.refused(AckCodes.NOT_SUPPORTED, "activation cannot be scheduled: the installer activates"
                    + " (runtime.restart, firmware.update) within the install, so it runs with the execution");
        }
        boolean ahead = kind == StageKind.DOWNLOAD ? job.stage().beforeDownload() : job.stage().beforeExecution();
        if (!ahead) {
            return Applied.refused(AckCodes.BAD_PARAMETER, what + " has already started: the job is " + job.stage());
        }
        Gate gate = job.gate(kind);
        if (!gate.needsApproval()) {
            return Applied.refused(AckCodes.BAD_PARAMETER, what + " needs no approval: it is automatic");
        }
        UpdateJob approved = job.gated(kind, gate.approved(request.window()), now);
        if (heldBefore(approved, kind)) {
            approved = settle(approved, kind, now);
        }
        return new Applied(Optional.of(approved), AckCodes.SUCCESS, what + " approved " + request.window().describe()
                + "; the job is " + approved.stage());
    }

    /**
     * What giving an approval did.
     *
     * @param job the job's new record, when the approval was given
     * @param code the ack code: 0 when given
     * @param message what happened, for the log and the ack
     */
    public record Applied(Optional<UpdateJob> job, int code, String message) {
        static Applied refused(int code, String message) {
            return new Applied(Optional.empty(), code, message);
        }
    }

    private static UpdateJob moved(UpdateJob job, Stage stage, Instant now) {
        return job.stage() == stage ? job : job.at(stage, now);
    }

    static Stage waiting(StageKind kind) {
        return kind == StageKind.DOWNLOAD ? Stage.WAITING_FOR_DOWNLOAD_APPROVAL : Stage.WAITING_FOR_EXECUTION_APPROVAL;
    }

    static Stage scheduled(StageKind kind) {
        return kind == StageKind.DOWNLOAD ? Stage.SCHEDULED_DOWNLOAD : Stage.SCHEDULED_EXECUTION;
    }

    static Stage ready(StageKind kind) {
        return kind == StageKind.DOWNLOAD ? Stage.WAITING_FOR_DOWNLOAD : Stage.WAITING_TO_EXECUTE;
    }
}
