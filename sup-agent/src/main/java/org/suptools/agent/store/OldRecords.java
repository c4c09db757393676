package org.suptools.agent.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.suptools.agent.job.AgentErrors;
import org.suptools.agent.job.Stage;
import org.suptools.tr50.PortalErrorCodes;

/**
 * Job records written by agents before the staged updates named their stages {@code RECEIVED},
 * {@code DOWNLOADING}, {@code DOWNLOADED}, {@code INSTALLING}, {@code REPORTING} and {@code DONE},
 * and kept the delivery of the report in the stage. Read into today's states, so an agent upgraded
 * in the middle of a job goes on with it, and its finished records still keep their messages from
 * running twice.
 */
final class OldRecords {

    private static final Set<Integer> DOWNLOAD_CODES = Set.of(AgentErrors.DOWNLOAD_FAILED,
            AgentErrors.PACKAGE_CORRUPT, PortalErrorCodes.FILE_NOT_FOUND);

    private OldRecords() {
    }

    /** Rewrites an old record's stage in place; a record of today is left as it is. */
    static void migrate(ObjectNode record) {
        String stage = record.path("stage").asText("");
        switch (stage) {
            case "RECEIVED" -> record.put("stage", Stage.INSTANTIATED.name());
            case "DOWNLOADED" -> record.put("stage", Stage.DOWNLOAD_COMPLETE.name());
            case "INSTALLING" -> record.put("stage", Stage.EXECUTING.name());
            case "REPORTING", "DONE" -> {
                record.put("stage", ending(record).name());
                record.put("acked", stage.equals("DONE"));
            }
            default -> {
                // Today's names, or a name no agent wrote: the record's reading reports the latter.
            }
        }
    }

    private static Stage ending(ObjectNode record) {
        JsonNode name = record.get("packageName");
        if (name == null || name.isNull()) {
            return Stage.ANSWERED;
        }
        JsonNode result = record.get("result");
        if (result == null || result.isNull()) {
            // Marked reporting from the outbox, its result unknown to the record: the ack in the outbox says it.
            return Stage.EXECUTION_FAILED;
        }
        if (result.path("succeeded").asBoolean(false)) {
            return Stage.SUCCEEDED;
        }
        return DOWNLOAD_CODES.contains(result.path("errorCode").asInt()) ? Stage.DOWNLOAD_FAILED
                : Stage.EXECUTION_FAILED;
    }
}
