package org.suptools.agent.job;

/**
 * The {@code errorCode}s the agent itself puts in a mailbox.ack, beside the installer's -901xx
 * codes and the portal's -90008 (file not found), which it passes on as they are. Stable: new ones
 * are added, existing ones never change (docs/reference/agent.md).
 */
public final class AgentErrors {

    /** The package could not be fetched within the bounded attempts (expired ids, HTTP errors, dropped connections). */
    public static final int DOWNLOAD_FAILED = -90201;
    /** The package arrived with another size or CRC-32 than {@code file.get} announced; it was deleted unrun. */
    public static final int PACKAGE_CORRUPT = -90202;
    /** The {@code gateway.sup.update} params could not be read (no name, a wrong type). */
    public static final int BAD_REQUEST = -90203;
    /** The installer could not be started, or was started too often without leaving a result. */
    public static final int INSTALLER_UNAVAILABLE = -90204;

    private AgentErrors() {
    }
}
