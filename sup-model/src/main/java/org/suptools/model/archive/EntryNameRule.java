package org.suptools.model.archive;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one rule that keeps an archive entry name safe to unpack: a relative, {@code /}-separated
 * path that stays below the directory it is unpacked into, shows in a message as it will be
 * written, and fits in a Linux file system. Both kinds of archive the toolchain reads use it:
 *
 * <ul>
 *   <li>{@link #SUP_ENTRY}, the entries of a .sup: written by our own writer, so only the exact
 *       spelling is accepted (no empty or {@code .} segments), and no {@code :} at all, because a
 *       .sup may be extracted on a Windows desktop, where a colon names a drive or a stream;</li>
 *   <li>{@link #PAYLOAD_ARCHIVE_ENTRY}, the entries of the zip and tar payloads unpacked on a
 *       gateway: made by any tool, so the redundant spellings {@code ./a}, {@code a//b} and
 *       {@code a/} are accepted and {@linkplain #normalised normalised} away, and a colon is an
 *       ordinary character of a Linux name, except as a drive letter at the start.</li>
 * </ul>
 *
 * <p>Both refuse a name that starts with {@code /}, has a {@code ..} segment, holds a backslash,
 * a control character (U+0000 to U+001F, U+007F to U+009F), U+FFFD (what a decoder makes of a
 * malformed byte) or an unpaired surrogate, starts with a drive letter ({@code C:}), has a
 * segment longer than {@value #MAX_SEGMENT_BYTES} UTF-8 bytes or is longer than
 * {@value #MAX_NAME_BYTES} bytes in all.
 */
public final class EntryNameRule {

    /** The longest segment a Linux file system holds (NAME_MAX), in UTF-8 bytes. */
    public static final int MAX_SEGMENT_BYTES = 255;
    /** The longest path Linux resolves (PATH_MAX less the terminating NUL), in UTF-8 bytes. */
    public static final int MAX_NAME_BYTES = 4095;

    /** The entries of a .sup: exact spelling, no colon. */
    public static final EntryNameRule SUP_ENTRY = new EntryNameRule(false, false);
    /** The entries of a zip or tar payload unpacked on a gateway: redundant spellings normalised, colons allowed. */
    public static final EntryNameRule PAYLOAD_ARCHIVE_ENTRY = new EntryNameRule(true, true);

    private final boolean redundantSpellingAllowed;
    private final boolean colonAllowed;

    private EntryNameRule(boolean redundantSpellingAllowed, boolean colonAllowed) {
        this.redundantSpellingAllowed = redundantSpellingAllowed;
        this.colonAllowed = colonAllowed;
    }

    /**
     * Why {@code name} is unsafe, as a phrase that follows the name ("contains a backslash"), or
     * empty if it is safe.
     */
    public Optional<String> problem(String name) {
        if (name.isEmpty() && !redundantSpellingAllowed) {
            return Optional.of("is empty");
        }
        Optional<String> character = characterProblem(name);
        if (character.isPresent()) {
            return character;
        }
        if (name.startsWith("/")) {
            return Optional.of("starts with '/', so it is not a safe relative path");
        }
        if (utf8Length(name) > MAX_NAME_BYTES) {
            return Optional.of("is longer than " + MAX_NAME_BYTES + " bytes");
        }
        boolean first = true;
        for (String segment : name.split("/", -1)) {
            Optional<String> problem = segmentProblem(segment, first);
            if (problem.isPresent()) {
                return problem;
            }
            first &= isRedundant(segment);
        }
        return Optional.empty();
    }

    /**
     * {@code name} as a clean relative path: {@code ./a//b/} becomes {@code a/b} and {@code ./}
     * becomes empty (the destination itself).
     *
     * @throws IllegalArgumentException if the name is unsafe by this rule
     */
    public String normalised(String name) {
        problem(name).ifPresent(problem -> {
            throw new IllegalArgumentException("entry name " + EntryNames.quoted(name) + " " + problem);
        });
        List<String> segments = new ArrayList<>();
        for (String segment : name.split("/")) {
            if (!isRedundant(segment)) {
                segments.add(segment);
            }
        }
        return String.join("/", segments);
    }

    /** {@code raw} decoded as UTF-8, or empty when it is malformed, truncated or encodes a surrogate. */
    public static Optional<String> decodedUtf8(byte[] raw) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> characterProblem(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c >= 0x7f && c <= 0x9f) {
                return Optional.of(String.format("contains the control character U+%04X", (int) c));
            }
            if (c == '\uFFFD' || Character.isHighSurrogate(c) && !isLowSurrogateAt(name, i + 1)
                    || Character.isLowSurrogate(c) && !Character.isHighSurrogate(charBefore(name, i))) {
                return Optional.of("is not valid UTF-8");
            }
            if (c == '\\') {
                return Optional.of("contains a backslash");
            }
        }
        return Optional.empty();
    }

    private Optional<String> segmentProblem(String segment, boolean first) {
        if (segment.equals("..")) {
            return Optional.of("climbs out of the destination with '..'");
        }
        if (isRedundant(segment)) {
            if (redundantSpellingAllowed) {
                return Optional.empty();
            }
            return Optional.of(segment.isEmpty() ? "has an empty path segment" : "has a '.' path segment");
        }
        if (first && segment.length() >= 2 && segment.charAt(1) == ':' && isAsciiLetter(segment.charAt(0))) {
            return Optional.of("starts with a drive letter");
        }
        if (!colonAllowed && segment.indexOf(':') >= 0) {
            return Optional.of("contains ':'");
        }
        if (utf8Length(segment) > MAX_SEGMENT_BYTES) {
            return Optional.of("has a path segment longer than " + MAX_SEGMENT_BYTES + " bytes");
        }
        return Optional.empty();
    }

    private static boolean isRedundant(String segment) {
        return segment.isEmpty() || segment.equals(".");
    }

    private static long utf8Length(String s) {
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && isLowSurrogateAt(s, i + 1)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
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
}
