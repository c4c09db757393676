package org.suptools.installer.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** The status of one action in confirmation.json. */
public enum ActionStatus {
    NOT_RUN("not-run"),
    IN_PROGRESS("in-progress"),
    SUCCEEDED("succeeded"),
    FAILED("failed"),
    SKIPPED("skipped"),
    ROLLED_BACK("rolled-back"),
    /** Its undo failed: what it changed may still be there. */
    ROLLBACK_FAILED("rollback-failed");

    private final String text;

    ActionStatus(String text) {
        this.text = text;
    }

    @JsonValue
    public String text() {
        return text;
    }

    @JsonCreator
    public static ActionStatus fromText(String text) {
        return Arrays.stream(values()).filter(s -> s.text.equals(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown action status '" + text + "'"));
    }
}
