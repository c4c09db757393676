package org.suptools.model.json;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The text of a JSON file carried in a package ({@code manifest.json}, {@code signatures.json}),
 * which must be UTF-8. A JSON parser given the bytes would guess their encoding and read a UTF-16
 * or UTF-32 file as readily as a UTF-8 one, so that two readers of one package could disagree on
 * what it says; the bytes are decoded here, strictly, and the parser is given the text. A UTF-8
 * byte-order mark is skipped (the format allows it; writers never write one); any other
 * byte-order mark, a NUL byte (UTF-16 or UTF-32 without a mark) and malformed UTF-8 (a byte that
 * cannot start or continue a character, a truncated or overlong sequence, an encoded surrogate)
 * are refused.
 */
public final class Utf8Json {

    private Utf8Json() {
    }

    /**
     * @return the decoded text, without a leading UTF-8 byte-order mark
     * @throws NotUtf8Exception whose message completes "manifest.json ..." ("is UTF-16 ...; it must be UTF-8")
     */
    public static String decode(byte[] bytes) throws NotUtf8Exception {
        String mark = foreignByteOrderMark(bytes);
        if (mark != null) {
            throw new NotUtf8Exception("is " + mark + " (it starts with a " + mark + " byte-order mark); it must be "
                    + "UTF-8");
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new NotUtf8Exception("holds a NUL byte at offset " + i + ", as UTF-16 or UTF-32 text does; it "
                        + "must be UTF-8");
            }
        }
        int start = startsWith(bytes, 0xEF, 0xBB, 0xBF) ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new NotUtf8Exception(String.format("is not valid UTF-8: the byte 0x%02X at offset %d does not start "
                    + "or continue a character; it must be UTF-8", bytes[in.position()] & 0xFF, in.position()));
        }
        return out.flip().toString();
    }

    private static String foreignByteOrderMark(byte[] bytes) {
        if (startsWith(bytes, 0x00, 0x00, 0xFE, 0xFF) || startsWith(bytes, 0xFF, 0xFE, 0x00, 0x00)) {
            return "UTF-32";
        }
        if (startsWith(bytes, 0xFE, 0xFF) || startsWith(bytes, 0xFF, 0xFE)) {
            return "UTF-16";
        }
        return null;
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The bytes are not UTF-8 text; the message says what they are instead. */
    public static final class NotUtf8Exception extends Exception {

        NotUtf8Exception(String message) {
            super(message);
        }
    }
}
