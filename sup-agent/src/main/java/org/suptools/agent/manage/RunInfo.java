package org.suptools.agent.manage;

import java.time.Instant;
import java.util.Objects;

/**
 * A manual run as it was asked for.
 *
 * @param id the run's id: a client that lost the connection asks for the run's events by it
 * @param fileName the package's file name as the client gave it, for the log and the screen
 * @param size the package's size in bytes
 * @param dryRun true for verify and plan only
 * @param client the client's address, for the agent's log
 */
public record RunInfo(String id, String fileName, long size, boolean dryRun, String client, Instant startedAt) {

    public RunInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(startedAt, "startedAt");
        client = client == null ? "" : client;
    }
}
