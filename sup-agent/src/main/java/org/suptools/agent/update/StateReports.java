package org.suptools.agent.update;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;
import org.suptools.agent.job.Gate;
import org.suptools.agent.job.JobResult;
import org.suptools.agent.job.UpdateJob;
import org.suptools.agent.store.AgentJson;
import org.suptools.agent.store.Outbox;
import org.suptools.tr50.AttributePublish;
import org.suptools.tr50.Tr50Request;

/**
 * Each state an update enters, published to the portal as the thing's {@code sup.update.state}
 * attribute through the outbox (so a change made offline is published when the portal is back),
 * stamped with the time of the change. The value is one line of JSON: the state, the mailbox
 * message, the campaign, the package, and the reason of a failure or the window of a schedule.
 */
public final class StateReports {

    /** The attribute's key. */
    public static final String ATTRIBUTE = "sup.update.state";

    private final Outbox outbox;

    public StateReports(Outbox outbox) {
        this.outbox = outbox;
    }

    /**
     * The outbox key of a job's state reports: starts with {@code _}, which no job key does, so they
     * are never taken for the job's ack.
     */
    static String outboxKey(UpdateJob job) {
        return "_state-" + job.key();
    }

    /** Puts the job's state in the outbox, behind what is already there. */
    public void publish(UpdateJob job) throws IOException {
        if (job.isUpdate()) {
            outbox.add(outboxKey(job), Tr50Request.of(new AttributePublish(Optional.empty(), ATTRIBUTE, value(job),
                    Optional.of(job.updatedAt()))), Optional.empty());
        }
    }

    /**
     * The value an update check that found nothing publishes: {@code INVENTORY_UP_TO_DATE} of no job. It
     * says so ({@code "mailboxId": null}), so a portal never takes it for a campaign member's state.
     */
    public static String upToDate() {
        ObjectNode value = AgentJson.mapper().createObjectNode();
        value.put("state", "INVENTORY_UP_TO_DATE");
        value.putNull("mailboxId");
        value.put("check", "update.check");
        return value.toString();
    }

    /** The attribute's value for the job as it stands. */
    public static String value(UpdateJob job) {
        ObjectNode value = AgentJson.mapper().createObjectNode();
        value.put("state", job.stage().name());
        value.put("mailboxId", job.mailboxId());
        job.campaignId().ifPresent(id -> value.put("campaignId", id));
        job.packageName().ifPresent(name -> value.put("package", name));
        window(job).ifPresent(window -> value.put("window", window));
        job.result().filter(result -> !result.succeeded()).ifPresent(result -> {
            value.put("reason", result.describe());
            value.put("errorCode", result.errorCode());
        });
        return value.toString();
    }

    private static Optional<String> window(UpdateJob job) {
        return switch (job.stage()) {
            case SCHEDULED_DOWNLOAD, WAITING_FOR_DOWNLOAD -> approvalOf(job.download());
            case SCHEDULED_EXECUTION, WAITING_TO_EXECUTE -> approvalOf(job.execution());
            default -> Optional.empty();
        };
    }

    private static Optional<String> approvalOf(Gate gate) {
        return gate.approval().map(approval -> approval.describe());
    }
}
