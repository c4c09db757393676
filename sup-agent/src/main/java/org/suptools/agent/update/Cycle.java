package org.suptools.agent.update;

import java.time.Instant;
import java.util.Optional;

/**
 * What one cycle did.
 *
 * @param newMessages mailbox messages read for the first time
 * @param reported jobs whose report went to the outbox in this cycle
 * @param sent outbox requests the portal took
 * @param portalReachable false when the link failed during the cycle
 * @param pending jobs that can go on without an approval, and outbox requests still unsent, at its end
 * @param nextWindow when the earliest approved window of a scheduled job opens: the next cycle is due then
 */
public record Cycle(int newMessages, int reported, int sent, boolean portalReachable, int pending,
        Optional<Instant> nextWindow) {

    public Cycle {
        nextWindow = nextWindow == null ? Optional.empty() : nextWindow;
    }

    public Cycle(int newMessages, int reported, int sent, boolean portalReachable, int pending) {
        this(newMessages, reported, sent, portalReachable, pending, Optional.empty());
    }
}
