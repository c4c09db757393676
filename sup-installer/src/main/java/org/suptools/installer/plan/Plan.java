package org.suptools.installer.plan;

import java.util.List;
import java.util.Map;

/**
 * What an install will do, settled before any change: every action planned, and the bytes it
 * needs on each file system (payload copies, unpacked archives, backups), already checked against
 * the free space.
 */
public record Plan(List<PlannedAction> actions, Map<String, Long> requiredBytes) {

    public Plan {
        actions = List.copyOf(actions);
        requiredBytes = Map.copyOf(requiredBytes);
    }

    public int total() {
        return actions.size();
    }

    /** True when an action stops, starts or replaces the runtime. */
    public boolean touchesRuntime() {
        return actions.stream().filter(a -> !a.skipped())
                .anyMatch(a -> a.action().type().runtimeEffect().touchesRuntime());
    }
}
