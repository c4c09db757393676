package org.suptools.installer.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import org.suptools.installer.api.event.InstallEvent;
import org.suptools.installer.api.json.ContractJson;

/**
 * The {@code --events} stream: one JSON object per line on standard output, for the Workbench's
 * live progress. {@code {"event": "action-started", "index": 2, "total": 5, "id": "config",
 * "type": "file.copy", "at": "..."}}; the fields of each event are listed in docs/reference/json-output.md.
 */
public final class EventJson implements InstallListener {

    private final PrintWriter out;

    public EventJson(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void on(InstallEvent event) {
        out.println(ContractJson.line(toJson(event)));
        out.flush();
    }

    public static ObjectNode toJson(InstallEvent event) {
        ObjectNode node = ContractJson.mapper().createObjectNode();
        node.put("event", name(event));
        ObjectNode fields = ContractJson.mapper().valueToTree(event);
        if (event instanceof InstallEvent.Started || event instanceof InstallEvent.Verified) {
            ObjectNode pkg = (ObjectNode) fields.remove("pkg");
            fields.set("package", pkg);
        }
        node.setAll(fields);
        if (event instanceof InstallEvent.Finished finished) {
            node.put("errorCode", finished.error().map(org.suptools.installer.api.InstallError::code).orElse(0));
        } else if (event instanceof InstallEvent.Refused refused) {
            node.put("errorCode", refused.error().code());
        }
        return node;
    }

    static String name(InstallEvent event) {
        if (event instanceof InstallEvent.Started) {
            return "started";
        } else if (event instanceof InstallEvent.Verified) {
            return "verified";
        } else if (event instanceof InstallEvent.Planned) {
            return "planned";
        } else if (event instanceof InstallEvent.Refused) {
            return "refused";
        } else if (event instanceof InstallEvent.ActionStarted) {
            return "action-started";
        } else if (event instanceof InstallEvent.ActionSucceeded) {
            return "action-succeeded";
        } else if (event instanceof InstallEvent.ActionFailed) {
            return "action-failed";
        } else if (event instanceof InstallEvent.ActionSkipped) {
            return "action-skipped";
        } else if (event instanceof InstallEvent.RollbackStarted) {
            return "rollback-started";
        } else if (event instanceof InstallEvent.ActionRolledBack) {
            return "action-rolled-back";
        } else if (event instanceof InstallEvent.ActionRollbackFailed) {
            return "action-rollback-failed";
        } else {
            return "finished";
        }
    }
}
