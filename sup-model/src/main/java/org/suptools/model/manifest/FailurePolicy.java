package org.suptools.model.manifest;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.suptools.model.action.Names;

/** What the installer does when an action fails: undo everything done so far, or stop where it failed. */
public enum FailurePolicy {
    ROLLBACK("rollback"),
    STOP("stop");

    private final String text;

    FailurePolicy(String text) {
        this.text = text;
    }

    @JsonValue
    public String text() {
        return text;
    }

    @JsonCreator
    public static FailurePolicy fromText(String text) {
        return Names.lookup(values(), FailurePolicy::text, text, "failure policy");
    }
}
