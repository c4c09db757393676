package org.suptools.model.action;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.suptools.model.action.Names;

/** What a failing action does to the package: fail it (the default) or let it go on. */
public enum ErrorPolicy {
    FAIL("fail"),
    CONTINUE("continue");

    private final String text;

    ErrorPolicy(String text) {
        this.text = text;
    }

    @JsonValue
    public String text() {
        return text;
    }

    @JsonCreator
    public static ErrorPolicy fromText(String text) {
        return Names.lookup(values(), ErrorPolicy::text, text, "error policy");
    }
}
