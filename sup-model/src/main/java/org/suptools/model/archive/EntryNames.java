package org.suptools.model.archive;

import java.util.Comparator;
import java.util.Optional;
import org.suptools.model.problem.ShownText;

/** The entry names of the .sup format, their order, and the rule they follow ({@link EntryNameRule#SUP_ENTRY}). */
final class EntryNames {

    static final String MANIFEST = "manifest.json";
    static final String SIGNATURES = "signatures.json";

    /** Byte-wise order of the UTF-8 encodings, which is the order of code points. */
    static final Comparator<String> UTF8_ORDER = EntryNames::compareCodePoints;

    private EntryNames() {
    }

    /** True when {@code raw} is well-formed UTF-8: no malformed or truncated sequence, no encoded surrogate. */
    static boolean isUtf8(byte[] raw) {
        return EntryNameRule.decodedUtf8(raw).isPresent();
    }

    /** Why {@code name} is unsafe as the name of a .sup entry, or empty: {@link EntryNameRule#SUP_ENTRY}. */
    static Optional<String> problem(String name) {
        return EntryNameRule.SUP_ENTRY.problem(name);
    }

    /** {@code name} in single quotes, control and other invisible characters escaped, fit for a one-line message. */
    static String quoted(String name) {
        return ShownText.quoted(name);
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
