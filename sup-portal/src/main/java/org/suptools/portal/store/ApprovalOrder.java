package org.suptools.portal.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One {@code campaign approve}: the {@code gateway.sup.schedule} message it sent to each chosen member.
 * The agents' acks are read from those messages, like the members' own records.
 *
 * @param type {@code download} or {@code execution}
 * @param startTime milliseconds since the epoch when the stage may start; 0 is now
 * @param endTime milliseconds since the epoch before which it must start; 0 is no end
 * @param sentOn when the messages were queued
 * @param sentTo each chosen member's thing and the id of its {@code gateway.sup.schedule} message
 */
public record ApprovalOrder(String type, long startTime, long endTime, Instant sentOn, List<Campaign.Member> sentTo) {

    private static final Set<String> TYPES = Set.of("download", "execution");

    public ApprovalOrder {
        if (type == null || !TYPES.contains(type)) {
            throw new IllegalArgumentException("type: expected download or execution, was '" + type + "'");
        }
        if (startTime < 0) {
            throw new IllegalArgumentException("start-time: milliseconds since the epoch, 0 for now; was " + startTime);
        }
        if (endTime < 0) {
            throw new IllegalArgumentException("end-time: milliseconds since the epoch, 0 for no end; was " + endTime);
        }
        if (endTime != 0 && endTime <= startTime) {
            throw new IllegalArgumentException("end-time: must be after the start time " + startTime + ", was "
                    + endTime);
        }
        Objects.requireNonNull(sentOn, "sentOn");
        sentTo = List.copyOf(sentTo);
    }
}
