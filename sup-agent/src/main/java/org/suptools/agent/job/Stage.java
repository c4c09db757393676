package org.suptools.agent.job;

/**
 * Where the work on one mailbox message stands. Each change is written to disk before the work of
 * the next stage starts, so a restarted agent goes on from where it was.
 */
public enum Stage {
    /** Read from the mailbox; nothing fetched yet. */
    RECEIVED,
    /** The package is being fetched; {@code downloadedBytes} of it are on disk for sure. */
    DOWNLOADING,
    /** The package is on disk, its size and CRC-32 checked. */
    DOWNLOADED,
    /** The installer was started; what it did is found in its reports if the agent did not see it end. */
    INSTALLING,
    /** The report (log lines and the one mailbox.ack) is in the outbox. */
    REPORTING,
    /** The portal took the report. */
    DONE
}
