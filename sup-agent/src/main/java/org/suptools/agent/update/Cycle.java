package org.suptools.agent.update;

/**
 * What one cycle did.
 *
 * @param newMessages mailbox messages read for the first time
 * @param reported jobs whose report went to the outbox in this cycle
 * @param sent outbox requests the portal took
 * @param portalReachable false when the link failed during the cycle
 * @param pending jobs still unfinished and outbox requests still unsent at its end
 */
public record Cycle(int newMessages, int reported, int sent, boolean portalReachable, int pending) {
}
