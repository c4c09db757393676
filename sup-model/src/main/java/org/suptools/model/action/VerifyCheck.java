package org.suptools.model.action;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.suptools.model.action.Names;

/** What a {@code verify} action checks. */
public enum VerifyCheck {
    FILE_EXISTS("file-exists"),
    FILE_HASH("file-hash"),
    COMMAND("command");

    private final String text;

    VerifyCheck(String text) {
        this.text = text;
    }

    @JsonValue
    public String text() {
        return text;
    }

    @JsonCreator
    public static VerifyCheck fromText(String text) {
        return Names.lookup(values(), VerifyCheck::text, text, "check");
    }
}
