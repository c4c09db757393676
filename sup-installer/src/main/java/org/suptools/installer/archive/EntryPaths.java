package org.suptools.installer.archive;

import java.util.ArrayList;
import java.util.List;

/** Entry names of archive payloads: made clean relative paths, and quoted for messages. */
public final class EntryPaths {

    private EntryPaths() {
    }

    /**
     * The entry name as a clean relative path ({@code ./a//b/} becomes {@code a/b}; {@code ./} becomes
     * empty), or a refusal when it is absolute, climbs out with {@code ..}, or holds a NUL or a
     * backslash.
     */
    public static String normalise(String name) throws UnsafeArchiveException {
        if (name.startsWith("/") || name.indexOf('\0') >= 0 || name.contains("\\")) {
            throw UnsafeArchiveException.entry(name, "is not a safe relative path");
        }
        List<String> parts = new ArrayList<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                throw UnsafeArchiveException.entry(name, "climbs out of the destination with '..'");
            }
            parts.add(part);
        }
        return String.join("/", parts);
    }

    /** {@code name} in single quotes, with control and other invisible characters escaped as {@code \\uXXXX}. */
    public static String quoted(String name) {
        StringBuilder out = new StringBuilder(name.length() + 2).append('\'');
        name.codePoints().forEach(c -> {
            int type = Character.getType(c);
            boolean invisible = type == Character.CONTROL || type == Character.FORMAT
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE
                    || type == Character.UNASSIGNED || type == Character.PRIVATE_USE;
            if (invisible) {
                for (char unit : Character.toChars(c)) {
                    out.append(String.format("\\u%04X", (int) unit));
                }
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append('\'').toString();
    }
}
