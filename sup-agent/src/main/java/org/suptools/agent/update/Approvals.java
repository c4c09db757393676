package org.suptools.agent.update;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.suptools.agent.job.ScheduleRequest;
import org.suptools.agent.job.UpdateJob;
import org.suptools.agent.store.ApprovalInbox;
import org.suptools.agent.store.JobStore;
import org.suptools.tr50.AckCodes;

/**
 * Gives the approvals of {@code sup-agent schedule} and {@code gateway.sup.schedule} to the
 * unfinished updates of their campaign: each record is saved with it, and a state it changes is
 * published. Only the holder of the state lock calls this (the agent's cycle, or the schedule
 * command when no agent runs), so the job records have one writer.
 */
public final class Approvals {

    private final JobStore jobs;
    private final StateReports states;
    private final Clock clock;

    public Approvals(JobStore jobs, StateReports states, Clock clock) {
        this.jobs = jobs;
        this.states = states;
        this.clock = clock;
    }

    /** Gives one approval; what it did, with the ack code the portal gets for it (0 when given). */
    public StageGates.Applied give(ScheduleRequest request) throws IOException {
        List<UpdateJob> targets = jobs.unfinishedOf(request.campaignId()).stream()
                .filter(job -> job.isUpdate() && !job.stage().terminal()).toList();
        if (targets.isEmpty()) {
            return new StageGates.Applied(Optional.empty(), AckCodes.NOT_FOUND, "no unfinished update of campaign "
                    + request.campaignId() + " on this gateway");
        }
        StageGates.Applied first = null;
        List<String> given = new ArrayList<>();
        Optional<UpdateJob> last = Optional.empty();
        for (UpdateJob job : targets) {
            StageGates.Applied applied = StageGates.approve(job, request, clock.instant());
            if (applied.job().isPresent()) {
                UpdateJob approved = applied.job().get();
                jobs.save(approved);
                if (approved.stage() != job.stage()) {
                    states.publish(approved);
                }
                given.add(applied.message());
                last = applied.job();
            } else if (first == null) {
                first = applied;
            }
        }
        return given.isEmpty() ? first
                : new StageGates.Applied(last, AckCodes.SUCCESS, String.join("; ", given));
    }

    /** Gives every approval waiting in the inbox, oldest first; returns what each did, for the log. */
    public List<String> drain(ApprovalInbox inbox) throws IOException {
        List<String> said = new ArrayList<>();
        for (ApprovalInbox.Entry entry : inbox.pending(said)) {
            StageGates.Applied applied = give(entry.request());
            said.add("schedule --type=" + entry.request().type().label() + " --campaign-id="
                    + entry.request().campaignId() + ": " + (applied.code() == AckCodes.SUCCESS ? "" : "refused: ")
                    + applied.message());
            inbox.remove(entry);
        }
        return said;
    }
}
