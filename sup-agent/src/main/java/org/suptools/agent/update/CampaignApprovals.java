package org.suptools.agent.update;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.suptools.agent.config.StagePolicy;
import org.suptools.tr50.AckCodes;
import org.suptools.tr50.Params;

/**
 * The {@code approval} param of a {@code gateway.sup.update}, such as {@code {"download": true,
 * "execution": true}}: the stages this campaign wants approved, on top of the gateway's policy (a
 * campaign can ask for more approvals, never fewer). Unknown fields inside it are ignored, like
 * the method's other unknown params.
 *
 * @param download whether the download waits for approval
 * @param execution whether the install waits for approval
 */
record CampaignApprovals(boolean download, boolean execution) {

    /** Why a request's {@code approval} cannot be honoured, with the ack code for it. */
    static final class Refused extends Exception {
        private final int code;

        Refused(int code, String message) {
            super(message);
            this.code = code;
        }

        int code() {
            return code;
        }
    }

    static CampaignApprovals of(Params others, StagePolicy policy) throws Refused {
        Optional<JsonNode> node = others.get("approval").filter(n -> !n.isNull());
        if (node.isEmpty()) {
            return new CampaignApprovals(policy.downloadApproval(), policy.executionApproval());
        }
        if (!node.get().isObject()) {
            throw new Refused(AckCodes.BAD_PARAMETER, "approval: must be an object such as {\"download\": true,"
                    + " \"execution\": true}, was " + node.get());
        }
        boolean download = flag(node.get(), "download");
        boolean execution = flag(node.get(), "execution");
        if (flag(node.get(), "activation")) {
            throw new Refused(AckCodes.NOT_SUPPORTED, "approval.activation: this gateway cannot hold activation for"
                    + " approval: its installer activates (runtime.restart, firmware.update) within the install");
        }
        return new CampaignApprovals(policy.downloadApproval() || download, policy.executionApproval() || execution);
    }

    private static boolean flag(JsonNode approval, String name) throws Refused {
        JsonNode value = approval.get(name);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new Refused(AckCodes.BAD_PARAMETER, "approval." + name + ": must be true or false, was " + value);
        }
        return value.asBoolean();
    }
}
