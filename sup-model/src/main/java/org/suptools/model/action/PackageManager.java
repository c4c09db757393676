package org.suptools.model.action;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.suptools.model.action.Names;

/** The OS package managers {@code package.install} drives. */
public enum PackageManager {
    DPKG("dpkg"),
    RPM("rpm"),
    OPKG("opkg");

    private final String text;

    PackageManager(String text) {
        this.text = text;
    }

    @JsonValue
    public String text() {
        return text;
    }

    @JsonCreator
    public static PackageManager fromText(String text) {
        return Names.lookup(values(), PackageManager::text, text, "package manager");
    }
}
