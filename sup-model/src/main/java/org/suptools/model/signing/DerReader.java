package org.suptools.model.signing;

import java.util.Arrays;

/**
 * A strict reader of DER elements, used to see which algorithm and curve a key structure names
 * before handing it to the JDK. Malformed input raises {@link IllegalArgumentException} with a
 * message of the form {@code malformed DER (detail)}.
 */
final class DerReader {

    /** A context-specific, constructed tag, as SEC1 uses for its optional fields. */
    static int contextTag(int number) {
        return 0xa0 | number;
    }

    /** One element: its tag byte and its content octets. */
    record Element(int tag, byte[] content) {

        /** A reader over this element's content, for a SEQUENCE or an explicitly tagged field. */
        DerReader contents() {
            return new DerReader(content);
        }

        /** The content of an OBJECT IDENTIFIER in dotted form. */
        String objectIdentifier() {
            expectTag(DerWriter.OBJECT_IDENTIFIER);
            StringBuilder dotted = new StringBuilder();
            long value = 0;
            boolean first = true;
            for (int i = 0; i < content.length; i++) {
                if (value > (Long.MAX_VALUE >>> 7)) {
                    throw malformed("object identifier arc too large");
                }
                value = (value << 7) | (content[i] & 0x7f);
                if ((content[i] & 0x80) != 0) {
                    if (i == content.length - 1) {
                        throw malformed("truncated object identifier");
                    }
                    continue;
                }
                if (first) {
                    long top = Math.min(value / 40, 2);
                    dotted.append(top).append('.').append(value - top * 40);
                    first = false;
                } else {
                    dotted.append('.').append(value);
                }
                value = 0;
            }
            if (first) {
                throw malformed("empty object identifier");
            }
            return dotted.toString();
        }

        Element expectTag(int expected) {
            if (tag != expected) {
                throw malformed(String.format("expected tag 0x%02x, found 0x%02x", expected, tag));
            }
            return this;
        }
    }

    private final byte[] der;
    private int position;

    DerReader(byte[] der) {
        this.der = der;
    }

    boolean hasMore() {
        return position < der.length;
    }

    /** The tag of the next element, without consuming it; -1 at the end. */
    int peekTag() {
        return hasMore() ? der[position] & 0xff : -1;
    }

    Element next() {
        if (!hasMore()) {
            throw malformed("unexpected end of data");
        }
        int tag = der[position++] & 0xff;
        if ((tag & 0x1f) == 0x1f) {
            throw malformed("multi-byte tags are not supported");
        }
        int length = readLength();
        if (length > der.length - position) {
            throw malformed("element runs past the end of its container");
        }
        byte[] content = Arrays.copyOfRange(der, position, position + length);
        position += length;
        return new Element(tag, content);
    }

    Element next(int expectedTag) {
        return next().expectTag(expectedTag);
    }

    /** Fails unless every byte was consumed: trailing data is not DER. */
    void expectEnd() {
        if (hasMore()) {
            throw malformed("unexpected data after the end");
        }
    }

    private int readLength() {
        if (!hasMore()) {
            throw malformed("truncated length");
        }
        int first = der[position++] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int byteCount = first & 0x7f;
        if (byteCount == 0) {
            throw malformed("indefinite lengths are not allowed");
        }
        if (byteCount > 3 || byteCount > der.length - position) {
            throw malformed("unsupported or truncated length");
        }
        int length = 0;
        for (int i = 0; i < byteCount; i++) {
            length = (length << 8) | (der[position++] & 0xff);
        }
        return length;
    }

    static IllegalArgumentException malformed(String detail) {
        return new IllegalArgumentException("malformed DER (" + detail + ")");
    }
}
