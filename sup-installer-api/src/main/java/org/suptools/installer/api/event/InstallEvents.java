package org.suptools.installer.api.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Optional;
import org.suptools.installer.api.json.ContractJson;

/**
 * The {@code --events} stream: one JSON object per line, {@code {"event": "action-started",
 * "at": "...", "index": 2, "total": 5, "id": "config", "type": "file.copy"}}. The installer writes
 * it; the Workbench, {@code sup demo} and the gateway agent read it back into the same events.
 */
public final class InstallEvents {

    private InstallEvents() {
    }

    /** The event as one line of JSON, without the line break. */
    public static String line(InstallEvent event) {
        return ContractJson.line(event);
    }

    /**
     * The event a line holds, or empty when it holds none: text that is not JSON, JSON without a
     * known {@code event} name (a newer installer's event is skipped, not an error), or an event
     * whose fields do not fit. Fields an older or newer installer adds or leaves out are tolerated.
     */
    public static Optional<InstallEvent> parse(String line) {
        String trimmed = line.strip();
        if (!trimmed.startsWith("{")) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(ContractJson.mapper().readValue(trimmed, InstallEvent.class));
        } catch (JsonProcessingException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
