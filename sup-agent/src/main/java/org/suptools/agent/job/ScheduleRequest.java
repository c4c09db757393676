package org.suptools.agent.job;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;
import org.suptools.tr50.Params;

/**
 * An approval of one stage for the job of a campaign: {@code sup-agent schedule --type=...
 * --campaign-id=... [--start-time=MS --end-time=MS]}, or the portal's {@code gateway.sup.schedule
 * {type, campaignId, startTime, endTime}}.
 *
 * @param type the stage approved
 * @param campaignId the campaign whose job it is
 * @param window when the stage may start
 */
public record ScheduleRequest(StageKind type, String campaignId, Approval window) {

    /** The method a campaign runs to approve a stage. */
    public static final String METHOD = "gateway.sup.schedule";

    public ScheduleRequest {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(window, "window");
        if (campaignId == null || campaignId.isBlank()) {
            throw new IllegalArgumentException("campaignId: must not be empty");
        }
    }

    /**
     * Reads {@code gateway.sup.schedule}'s params; unknown fields are ignored.
     *
     * @throws IllegalArgumentException naming the field
     */
    public static ScheduleRequest read(Params params) {
        String type = text(params, "type").orElseThrow(() -> new IllegalArgumentException(
                "type: is required (download, execution or activation)"));
        StageKind kind = StageKind.ofLabel(type).orElseThrow(() -> new IllegalArgumentException(
                "type: must be download, execution or activation, was '" + type + "'"));
        String campaignId = text(params, "campaignId").orElseThrow(() -> new IllegalArgumentException(
                "campaignId: is required"));
        return new ScheduleRequest(kind, campaignId, new Approval(millis(params, "startTime"),
                millis(params, "endTime")));
    }

    /** The params of {@code gateway.sup.schedule}, and of the agent's inbox files. */
    public Params toParams() {
        return Params.builder().put("type", type.label()).put("campaignId", campaignId)
                .put("startTime", window.startTime()).put("endTime", window.endTime()).build();
    }

    private static Optional<String> text(Params params, String name) {
        Optional<JsonNode> node = params.get(name).filter(n -> !n.isNull());
        if (node.isPresent() && !node.get().isTextual()) {
            throw new IllegalArgumentException(name + ": must be a string, was " + node.get());
        }
        return node.map(JsonNode::asText);
    }

    private static long millis(Params params, String name) {
        Optional<JsonNode> node = params.get(name).filter(n -> !n.isNull());
        if (node.isEmpty()) {
            return 0;
        }
        if (!node.get().isIntegralNumber() || !node.get().canConvertToLong() || node.get().asLong() < 0) {
            throw new IllegalArgumentException(name + ": must be milliseconds since the epoch (0 or more), was "
                    + node.get());
        }
        return node.get().asLong();
    }
}
