package org.suptools.workbench.document;

/** One entry of a mapping field, such as a property to set or an environment variable. */
public record KeyValue(String key, String value) {

    public KeyValue {
        key = key == null ? "" : key;
        value = value == null ? "" : value;
    }

    /** A new row, empty until typed into. */
    public static KeyValue blank() {
        return new KeyValue("", "");
    }
}
