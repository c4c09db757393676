package org.suptools.agent.config;

/**
 * The gateway's own rule for each stage of an update: {@code automatic} (it runs as soon as the
 * agent gets to it) or {@code approval} (it waits for {@code sup-agent schedule} or the portal's
 * {@code gateway.sup.schedule}). A campaign can ask for more approvals than this, never fewer.
 * Activation is always automatic: the installer activates within the install.
 *
 * @param downloadApproval whether downloads wait for approval
 * @param executionApproval whether installs wait for approval
 */
public record StagePolicy(boolean downloadApproval, boolean executionApproval) {

    /** Today's behaviour before staged updates: everything at once. */
    public static final StagePolicy AUTOMATIC = new StagePolicy(false, false);
}
