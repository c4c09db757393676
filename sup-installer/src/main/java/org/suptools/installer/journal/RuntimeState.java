package org.suptools.installer.journal;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The state of the gateway runtime as the journal records it: to restore on undo, or brought back
 * after a rollback. Spelled in the journal as journals written before this enum existed spelled it.
 */
public enum RuntimeState {
    @JsonProperty("running")
    RUNNING,
    @JsonProperty("stopped")
    STOPPED;

    public static RuntimeState of(boolean running) {
        return running ? RUNNING : STOPPED;
    }
}
