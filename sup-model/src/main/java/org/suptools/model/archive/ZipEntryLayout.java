package org.suptools.model.archive;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;

/**
 * One entry as the writer lays it out: where its local header starts, its method, sizes and
 * CRC, and the encoding of that local header. The rule for ZIP64 is on {@link SupWriter}.
 *
 * @param name           the entry name in UTF-8
 * @param method         {@link ZipEntry#STORED} or {@link ZipEntry#DEFLATED}
 * @param size           uncompressed size
 * @param compressedSize size of the data as stored
 * @param crc            CRC-32 of the uncompressed data, as the unsigned 32 bits of an int
 * @param offset         position of the local header in the archive
 * @param zip64Local     whether the local header carries a ZIP64 extra field
 */
record ZipEntryLayout(byte[] name, int method, long size, long compressedSize, int crc, long offset,
                      boolean zip64Local) {

    static final int LOCAL_HEADER_SIGNATURE = 0x04034b50;
    static final int LOCAL_HEADER_BYTES = 30;
    static final short ZIP64_EXTRA_ID = 0x0001;
    static final int UTF8_NAMES_FLAG = 1 << 11;
    static final int VERSION_STORED = 10;
    static final int VERSION_DEFLATED = 20;
    static final int VERSION_ZIP64 = 45;

    private static final int LOCAL_ZIP64_EXTRA_BYTES = 4 + 16;

    /**
     * An entry about to be written at {@code offset}, before its data: the CRC is not known yet
     * and, when deflated, neither is the compressed size. The local header holds a ZIP64 field
     * exactly when the uncompressed size, known in advance, needs one.
     */
    static ZipEntryLayout before(String name, int method, long size, long offset, Zip64Thresholds thresholds) {
        if (method != ZipEntry.STORED && method != ZipEntry.DEFLATED) {
            throw new IllegalArgumentException("method: " + method);
        }
        return new ZipEntryLayout(name.getBytes(StandardCharsets.UTF_8), method, size,
                method == ZipEntry.STORED ? size : 0, 0, offset, thresholds.needs64(size));
    }

    /** This entry once its data is written. */
    ZipEntryLayout after(int crc, long compressedSize) {
        return new ZipEntryLayout(name, method, size, compressedSize, crc, offset, zip64Local);
    }

    /** Where the entry's data starts. */
    long dataOffset() {
        return offset + LOCAL_HEADER_BYTES + name.length + (zip64Local ? LOCAL_ZIP64_EXTRA_BYTES : 0);
    }

    /** The version needed to extract, for the given use of ZIP64. */
    int versionNeeded(boolean zip64) {
        if (zip64) {
            return VERSION_ZIP64;
        }
        return method == ZipEntry.DEFLATED ? VERSION_DEFLATED : VERSION_STORED;
    }

    /**
     * The local header. With a ZIP64 field both 32-bit sizes hold {@code 0xFFFFFFFF} and the
     * field holds both sizes, as the format requires of a local header.
     */
    ByteBuffer localHeader(DosTime time) {
        ByteBuffer header = ByteBuffer.allocate((int) (dataOffset() - offset)).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(LOCAL_HEADER_SIGNATURE)
                .putShort((short) versionNeeded(zip64Local))
                .putShort((short) UTF8_NAMES_FLAG)
                .putShort((short) method)
                .putShort((short) time.time())
                .putShort((short) time.date())
                .putInt(crc)
                .putInt((int) (zip64Local ? Zip64Thresholds.MAX_32 : compressedSize))
                .putInt((int) (zip64Local ? Zip64Thresholds.MAX_32 : size))
                .putShort((short) name.length)
                .putShort((short) (zip64Local ? LOCAL_ZIP64_EXTRA_BYTES : 0))
                .put(name);
        if (zip64Local) {
            header.putShort(ZIP64_EXTRA_ID).putShort((short) 16).putLong(size).putLong(compressedSize);
        }
        return header.flip();
    }
}
