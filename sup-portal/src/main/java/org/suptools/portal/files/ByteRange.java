package org.suptools.portal.files;

/**
 * What a {@code Range} header asks of a file of a known size (RFC 9110, section 14): the whole file, one
 * satisfiable range, or nothing satisfiable ({@code 416}). Only one {@code bytes} range is served; a
 * header that is malformed, names another unit or asks for several ranges is ignored, as the RFC allows,
 * and the whole file is sent.
 */
public sealed interface ByteRange permits ByteRange.Whole, ByteRange.Part, ByteRange.Unsatisfiable {

    /** No range, or one to ignore: {@code 200} with every byte. */
    record Whole() implements ByteRange {
    }

    /**
     * {@code 206} with bytes {@code first} to {@code last}, both included.
     *
     * @param first the first byte's offset
     * @param last the last byte's offset, below the size
     */
    record Part(long first, long last) implements ByteRange {

        public Part {
            if (first < 0 || last < first) {
                throw new IllegalArgumentException("a byte range runs from 0 or more up, was " + first + "-" + last);
            }
        }

        public long length() {
            return last - first + 1;
        }
    }

    /** {@code 416}: the range starts at or past the end of the file. */
    record Unsatisfiable() implements ByteRange {
    }

    /**
     * Reads a {@code Range} header for a file of {@code size} bytes.
     *
     * @param header the header's value, or null when absent
     */
    static ByteRange parse(String header, long size) {
        if (header == null) {
            return new Whole();
        }
        String value = header.strip();
        if (!value.regionMatches(true, 0, "bytes=", 0, "bytes=".length())) {
            return new Whole();
        }
        String spec = value.substring("bytes=".length()).strip();
        if (spec.contains(",")) {
            return new Whole();
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return new Whole();
        }
        String from = spec.substring(0, dash).strip();
        String to = spec.substring(dash + 1).strip();
        if (from.isEmpty()) {
            // bytes=-N: the last N bytes.
            long suffix = number(to);
            if (suffix < 0) {
                return new Whole();
            }
            if (suffix == 0 || size == 0) {
                return new Unsatisfiable();
            }
            return new Part(Math.max(0, size - suffix), size - 1);
        }
        long first = number(from);
        if (first < 0) {
            return new Whole();
        }
        long last;
        if (to.isEmpty()) {
            last = size - 1;
        } else {
            last = number(to);
            if (last < 0 || last < first) {
                return new Whole();
            }
        }
        if (first >= size) {
            return new Unsatisfiable();
        }
        return new Part(first, Math.min(last, size - 1));
    }

    /** The decimal number, or -1 when the text is not one (empty, a sign, other characters, too big). */
    private static long number(String text) {
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Long.parseLong(text);
    }
}
