package org.suptools.model.gateway;

import java.util.List;
import java.util.Optional;
import org.suptools.model.action.Action;

/**
 * One action of a {@link GatewayPlan}: whether its {@code when} condition lets it run on the
 * gateway, and the payload files it uses with their sizes.
 *
 * @param index      its place in the package's actions, from 1 (as the installer counts them)
 * @param skipReason why it does not run on this gateway; empty when it runs
 */
public record PlanStep(int index, Action action, Optional<String> skipReason, List<PayloadUse> payloads) {

    public PlanStep {
        skipReason = skipReason == null ? Optional.empty() : skipReason;
        payloads = List.copyOf(payloads);
    }

    public boolean runs() {
        return skipReason.isEmpty();
    }

    /** The bytes of the payload files this action uses. */
    public long payloadBytes() {
        return payloads.stream().mapToLong(PayloadUse::size).sum();
    }

    /**
     * A payload file an action uses: the field naming it, its name relative to {@code payload/}
     * and its size (0 when the package does not hold it, which validation reports).
     */
    public record PayloadUse(String field, String name, long size) {
    }
}
