package org.suptools.model.signing;

import java.util.Arrays;

/**
 * A strict reader of DER elements, used to see which algorithm and curve a key structure names
 * before handing it to the JDK. Malformed input raises {@link IllegalArgumentException}.
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
                    throw new IllegalArgumentException("object identifier arc too large");
                }
                value = (value << 7) | (content[i] & 0x7f);
                if ((content[i] & 0x80) != 0) {
                    if (i == content.length - 1) {
                        throw new IllegalArgumentException("truncated object identifier");
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
                throw new IllegalArgumentException("empty object identifier");
            }
            return dotted.toString();
        }

        Element expectTag(int expected) {
            if (tag != expected) {
                throw new IllegalArgumentException(String.format(
                        "expected DER tag 0x%02x, found 0x%02x", expected, tag));
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
            throw new IllegalArgumentException("unexpected end of DER data");
        }
        int tag = der[position++] & 0xff;
        if ((tag & 0x1f) == 0x1f) {
            throw new IllegalArgumentException("multi-byte DER tags are not supported");
        }
        int length = readLength();
        if (length > der.length - position) {
            throw new IllegalArgumentException("DER element runs past the end of its container");
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
            throw new IllegalArgumentException("unexpected data after the end of a DER structure");
        }
    }

    private int readLength() {
        if (!hasMore()) {
            throw new IllegalArgumentException("truncated DER length");
        }
        int first = der[position++] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int byteCount = first & 0x7f;
        if (byteCount == 0) {
            throw new IllegalArgumentException("indefinite DER lengths are not allowed");
        }
        if (byteCount > 3 || byteCount > der.length - position) {
            throw new IllegalArgumentException("unsupported or truncated DER length");
        }
        int length = 0;
        for (int i = 0; i < byteCount; i++) {
            length = (length << 8) | (der[position++] & 0xff);
        }
        return length;
    }
}
