package org.suptools.agent.job;

import java.time.Instant;

/**
 * An operator's approval of one stage, as seed 000's {@code schedule} gives it: a window from
 * {@code startTime} to {@code endTime} in milliseconds since the epoch, where 0 for the start means
 * "now" and 0 for the end means "no end" ({@code 0/0}: now, whenever the agent gets to it).
 *
 * @param startTime when the stage may start; 0 for at once
 * @param endTime when the stage may no longer start; 0 for never
 */
public record Approval(long startTime, long endTime) {

    public Approval {
        if (startTime < 0 || endTime < 0) {
            throw new IllegalArgumentException("startTime and endTime must be 0 or more (milliseconds since the"
                    + " epoch), were " + startTime + " and " + endTime);
        }
        if (endTime != 0 && endTime <= startTime) {
            throw new IllegalArgumentException("endTime (" + endTime + ") must be after startTime (" + startTime
                    + "), or 0 for no end");
        }
    }

    public static Approval now() {
        return new Approval(0, 0);
    }

    /** True while the window has not opened. */
    public boolean pending(Instant now) {
        return now.toEpochMilli() < startTime;
    }

    /** True once the window has closed: the stage may no longer start under this approval. */
    public boolean closed(Instant now) {
        return endTime != 0 && now.toEpochMilli() >= endTime;
    }

    public Instant opens() {
        return Instant.ofEpochMilli(startTime);
    }

    /** {@code now}, {@code from 2026-12-03T20:00:00Z}, {@code from ... until ...}. */
    public String describe() {
        if (startTime == 0 && endTime == 0) {
            return "now";
        }
        return (startTime == 0 ? "now" : "from " + Instant.ofEpochMilli(startTime))
                + (endTime == 0 ? "" : " until " + Instant.ofEpochMilli(endTime));
    }
}
