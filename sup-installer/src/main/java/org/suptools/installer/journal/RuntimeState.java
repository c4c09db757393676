package org.suptools.installer.journal;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** The state of the gateway runtime as the journal records it: to restore on undo, or brought back after a rollback. */
public enum RuntimeState {
    RUNNING("running"),
    STOPPED("stopped");

    private final String text;

    RuntimeState(String text) {
        this.text = text;
    }

    /** The journal's spelling; journals written before this enum existed used the same strings. */
    @JsonValue
    public String text() {
        return text;
    }

    @JsonCreator
    public static RuntimeState fromText(String text) {
        return Arrays.stream(values()).filter(s -> s.text.equals(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("must be running or stopped, was '" + text + "'"));
    }

    public static RuntimeState of(boolean running) {
        return running ? RUNNING : STOPPED;
    }
}
