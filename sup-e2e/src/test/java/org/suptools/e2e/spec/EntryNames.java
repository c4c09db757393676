package org.suptools.e2e.spec;

import java.nio.charset.StandardCharsets;

/** The entry name rules of docs/format.md section 1, "Entry names". */
final class EntryNames {

    private EntryNames() {
    }

    /** What is wrong with a name (one trailing '/' already removed), or null when it is safe. */
    static String problem(String name) {
        if (name.isEmpty()) {
            return "empty";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c >= 0x7F && c <= 0x9F || c == '\uFFFD') {
                return String.format("holding U+%04X", (int) c);
            }
            if (Character.isHighSurrogate(c) && !(i + 1 < name.length() && Character.isLowSurrogate(name.charAt(i + 1)))
                    || Character.isLowSurrogate(c) && !(i > 0 && Character.isHighSurrogate(name.charAt(i - 1)))) {
                return "holding an unpaired surrogate";
            }
            if (c == '\\' || c == ':') {
                return "holding '" + c + "'";
            }
        }
        if (name.startsWith("/")) {
            return "absolute";
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > 4095) {
            return "longer than 4095 bytes";
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return "with an empty, '.' or '..' segment";
            }
            if (segment.getBytes(StandardCharsets.UTF_8).length > 255) {
                return "with a segment longer than 255 bytes";
            }
        }
        return null;
    }
}
