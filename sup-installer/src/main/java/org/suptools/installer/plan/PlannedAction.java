package org.suptools.installer.plan;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.suptools.model.action.Action;

/**
 * One action as the plan settled it: its 1-based index, its gateway paths resolved and checked,
 * its timeout, and, when its {@code when} condition does not match this gateway, why it is skipped.
 */
public record PlannedAction(int index, Action action, Map<String, Path> paths, Duration timeout,
        Optional<String> skipReason) {

    public PlannedAction {
        paths = Map.copyOf(paths);
        skipReason = skipReason == null ? Optional.empty() : skipReason;
    }

    public boolean skipped() {
        return skipReason.isPresent();
    }
}
