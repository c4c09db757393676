package org.suptools.model.archive;

/**
 * The values at which a ZIP header field no longer holds a number itself and defers to a ZIP64
 * record instead: a 32-bit size or offset at or above {@code field32} is written as
 * {@code 0xFFFFFFFF}, a 16-bit entry count at or above {@code field16} as {@code 0xFFFF}.
 * {@link #STANDARD} is the ZIP format's; tests lower them to reach the ZIP64 code paths with
 * small files. Readers only look for the escape values, so lowered thresholds still give valid
 * archives.
 */
record Zip64Thresholds(long field32, int field16) {

    static final long MAX_32 = 0xFFFF_FFFFL;
    static final int MAX_16 = 0xFFFF;

    static final Zip64Thresholds STANDARD = new Zip64Thresholds(MAX_32, MAX_16);

    Zip64Thresholds {
        if (field32 < 1 || field32 > MAX_32 || field16 < 1 || field16 > MAX_16) {
            throw new IllegalArgumentException("thresholds out of range: " + field32 + ", " + field16);
        }
    }

    /** Whether a size or offset needs a ZIP64 field. */
    boolean needs64(long sizeOrOffset) {
        return sizeOrOffset >= field32;
    }

    /** Whether an entry count needs the ZIP64 end record. */
    boolean needs64Count(long count) {
        return count >= field16;
    }

    /** What a 32-bit field holds for {@code value}: the value, or the ZIP64 escape. */
    long field32(long value) {
        return needs64(value) ? MAX_32 : value;
    }

    /** What a 16-bit count field holds for {@code count}: the count, or the ZIP64 escape. */
    int field16(long count) {
        return needs64Count(count) ? MAX_16 : (int) count;
    }
}
