package org.suptools.portal.store;

import java.util.regex.Pattern;

/**
 * The names the store turns into file names and topic levels: thing keys and file names. Kept to a
 * safe alphabet so that a name is one topic level, one file name, and one mosquitto user name.
 */
public final class Names {

    /** The MQTT user name of the portal's own connection; no thing may take it. */
    public static final String PORTAL_USER = "sup-portal";

    private static final Pattern THING_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._ +-]{0,254}");

    private Names() {
    }

    /** @throws IllegalArgumentException naming the field when the key is not a safe thing key */
    public static String thingKey(String field, String key) {
        if (key == null || !THING_KEY.matcher(key).matches()) {
            throw new IllegalArgumentException(field + ": a thing key is 1 to 128 letters, digits, '.', '_' or '-',"
                    + " starting with a letter or digit, was " + quote(key));
        }
        if (key.equals(PORTAL_USER)) {
            throw new IllegalArgumentException(field + ": " + PORTAL_USER + " is the portal's own MQTT user name");
        }
        return key;
    }

    public static boolean isThingKey(String key) {
        return key != null && THING_KEY.matcher(key).matches() && !key.equals(PORTAL_USER);
    }

    /** @throws IllegalArgumentException naming the field when the name is not a safe file name */
    public static String fileName(String field, String name) {
        if (!isFileName(name)) {
            throw new IllegalArgumentException(field + ": a file name is 1 to 255 letters, digits, ' ', '.', '_', '+'"
                    + " or '-', starting with a letter or digit, was " + quote(name));
        }
        return name;
    }

    public static boolean isFileName(String name) {
        return name != null && FILE_NAME.matcher(name).matches() && !name.endsWith(".tmp");
    }

    static String quote(String text) {
        return text == null ? "nothing" : "'" + text + "'";
    }
}
