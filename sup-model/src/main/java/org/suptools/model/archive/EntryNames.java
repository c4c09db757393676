package org.suptools.model.archive;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Optional;
import org.suptools.model.problem.ShownText;

/** The entry names of the .sup format, and the rule that keeps every name safe to extract. */
final class EntryNames {

    static final String MANIFEST = "manifest.json";
    static final String SIGNATURES = "signatures.json";

    /** Byte-wise order of the UTF-8 encodings, which is the order of code points. */
    static final Comparator<String> UTF8_ORDER = EntryNames::compareCodePoints;

    private EntryNames() {
    }

    /** True when {@code raw} is well-formed UTF-8: no malformed or truncated sequence, no encoded surrogate. */
    static boolean isUtf8(byte[] raw) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /**
     * Why {@code name} is unsafe as a relative path, or empty if it is safe: names must be
     * relative, {@code /}-separated, without empty, {@code .} or {@code ..} segments, without
     * backslashes, colons (drive letters, NTFS streams), control characters or invalid Unicode.
     */
    static Optional<String> problem(String name) {
        if (name.isEmpty()) {
            return Optional.of("is empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c >= 0x7f && c <= 0x9f) {
                return Optional.of(String.format("contains the control character U+%04X", (int) c));
            }
            if (c == '\uFFFD' || Character.isHighSurrogate(c) && !isLowSurrogateAt(name, i + 1)
                    || Character.isLowSurrogate(c) && !Character.isHighSurrogate(charBefore(name, i))) {
                return Optional.of("is not valid UTF-8");
            }
        }
        if (name.indexOf('\\') >= 0) {
            return Optional.of("contains a backslash");
        }
        if (name.startsWith("/")) {
            return Optional.of("is an absolute path");
        }
        if (name.length() >= 2 && name.charAt(1) == ':' && isAsciiLetter(name.charAt(0))) {
            return Optional.of("starts with a drive letter");
        }
        if (name.indexOf(':') >= 0) {
            return Optional.of("contains ':'");
        }
        for (String segment : name.split("/", -1)) {
            switch (segment) {
                case "" -> {
                    return Optional.of("has an empty path segment");
                }
                case "." -> {
                    return Optional.of("has a '.' path segment");
                }
                case ".." -> {
                    return Optional.of("has a '..' path segment");
                }
                default -> {
                }
            }
        }
        return Optional.empty();
    }

    /** {@code name} in single quotes, control and other invisible characters escaped, fit for a one-line message. */
    static String quoted(String name) {
        return ShownText.quoted(name);
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    private static boolean isLowSurrogateAt(String s, int index) {
        return index < s.length() && Character.isLowSurrogate(s.charAt(index));
    }

    private static char charBefore(String s, int index) {
        return index > 0 ? s.charAt(index - 1) : 0;
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
