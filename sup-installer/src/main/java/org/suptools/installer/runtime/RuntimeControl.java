package org.suptools.installer.runtime;

import java.io.IOException;

/**
 * Controls the gateway runtime through the commands the gateway config names. The executors of
 * {@code runtime.stop}, {@code runtime.start}, {@code runtime.restart} and {@code firmware.update}
 * and the rollback use it; tests may pass a fake.
 */
public interface RuntimeControl {

    /** True when the runtime's status command says it is running (exit code 0). */
    boolean isRunning() throws IOException;

    /**
     * Runs the start command, then waits up to the configured health-check wait for the status
     * command to report it running and healthy.
     *
     * @throws RuntimeControlException when the command fails, times out, or the runtime does not
     *                                 become healthy in time (the message says which)
     */
    void start() throws IOException, RuntimeControlException;

    /** Runs the stop command and waits until the status command no longer reports it running. */
    void stop() throws IOException, RuntimeControlException;
}
