package org.suptools.workbench.document;

/** How a field of an action is edited, and how its value sits in the action's flat JSON form. */
public enum FieldKind {
    /** Required text. */
    TEXT,
    /** Text that is left out when empty. */
    OPTIONAL_TEXT,
    /** A required gateway path, relative to the runtime home. */
    PATH,
    /** A gateway path that is left out when empty. */
    OPTIONAL_PATH,
    /** A required payload file name, relative to {@code payload/}. */
    PAYLOAD,
    /** A payload file name that is left out when empty. */
    OPTIONAL_PAYLOAD,
    /** An octal file mode such as {@code 0644}, left out when empty. */
    MODE,
    /** true or false; false is left out. */
    BOOLEAN,
    /** One of fixed values, required. */
    CHOICE,
    /** One of fixed values, or none. */
    OPTIONAL_CHOICE,
    /** A list of text values, one per line (arguments of a command, keys to remove). */
    LIST,
    /** Whole numbers, such as the exit codes that count as success. */
    NUMBER_LIST,
    /** An ordered mapping of keys to values (properties, environment). */
    KEY_VALUES
}
