package org.suptools.installer.process;

import java.time.Duration;

/**
 * How a command ended: its exit code (-1 when it was killed or could not start), whether the
 * watchdog killed it at its timeout, the tail of its combined output, and how long it ran.
 */
public record ProcessResult(int exitCode, boolean timedOut, String outputTail, Duration duration) {

    public boolean succeeded(java.util.List<Integer> successExitCodes) {
        return !timedOut && successExitCodes.contains(exitCode);
    }
}
