package org.suptools.portal.store;

import java.util.List;
import org.suptools.tr50.Params;

/**
 * Which stages of a campaign's update wait for an approval on each gateway, sent as the {@code approval}
 * param of {@code gateway.sup.update}. A gateway's own {@code stagePolicy} can require more; a campaign
 * can add approvals, never remove them. Activation cannot be held: the installer activates within its
 * install, so the agent refuses such a campaign.
 *
 * @param download whether each gateway holds the download until {@code campaign approve --type download}
 * @param execution whether each gateway holds the install until {@code campaign approve --type execution}
 */
public record StageApprovals(boolean download, boolean execution) {

    public static final StageApprovals NONE = new StageApprovals(false, false);

    /**
     * Reads {@code --approval download,execution}.
     *
     * @throws IllegalArgumentException naming the option for a stage that is not {@code download} or
     *     {@code execution}
     */
    public static StageApprovals of(List<String> stages) {
        boolean download = false;
        boolean execution = false;
        for (String stage : stages) {
            switch (stage.trim()) {
                case "download" -> download = true;
                case "execution" -> execution = true;
                case "activation" -> throw new IllegalArgumentException("approval: activation cannot wait for an "
                        + "approval (the installer activates within its install); choose download and/or execution");
                default -> throw new IllegalArgumentException("approval: expected download or execution, was '"
                        + stage + "'");
            }
        }
        return new StageApprovals(download, execution);
    }

    public boolean any() {
        return download || execution;
    }

    /** Whether the stage ({@code download} or {@code execution}) waits for an approval. */
    public boolean holds(String stage) {
        return stage.equals("download") ? download : stage.equals("execution") && execution;
    }

    /** The {@code approval} param: {@code {"download": true, "execution": false}}. */
    Params toParams() {
        return Params.builder().put("download", download).put("execution", execution).build();
    }
}
