package org.suptools.model.archive;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Encodes the end of an archive: the central directory, the ZIP64 end record and locator when
 * needed, and the end-of-central-directory record. The ZIP64 rule is spelled out on
 * {@link SupWriter}.
 */
final class CentralDirectoryWriter {

    static final int CENTRAL_HEADER_SIGNATURE = 0x02014b50;
    static final int ZIP64_END_SIGNATURE = 0x06064b50;
    static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
    static final int END_SIGNATURE = 0x06054b50;

    private static final int CENTRAL_HEADER_BYTES = 46;
    private static final int ZIP64_END_BYTES = 56;
    private static final int ZIP64_LOCATOR_BYTES = 20;
    private static final int END_BYTES = 22;
    private static final int UNIX = 3;
    private static final int REGULAR_FILE_0644 = 0100644;

    private final Zip64Thresholds thresholds;
    private final DosTime time;

    CentralDirectoryWriter(Zip64Thresholds thresholds, DosTime time) {
        this.thresholds = thresholds;
        this.time = time;
    }

    /** Everything after the last entry, for a central directory starting at {@code offset}. */
    ByteBuffer encode(List<ZipEntryLayout> entries, long offset) {
        int capacity = END_BYTES + ZIP64_END_BYTES + ZIP64_LOCATOR_BYTES;
        for (ZipEntryLayout entry : entries) {
            capacity += CENTRAL_HEADER_BYTES + entry.name().length + 4 + 24;
        }
        ByteBuffer out = ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
        boolean zip64Used = entries.stream().anyMatch(ZipEntryLayout::zip64Local);
        for (ZipEntryLayout entry : entries) {
            zip64Used |= putCentralHeader(out, entry, zip64Used);
        }
        long size = out.position();
        long count = entries.size();
        if (zip64Used || thresholds.needs64Count(count) || thresholds.needs64(size) || thresholds.needs64(offset)) {
            putZip64End(out, count, size, offset);
        }
        out.putInt(END_SIGNATURE)
                .putShort((short) 0)
                .putShort((short) 0)
                .putShort((short) thresholds.field16(count))
                .putShort((short) thresholds.field16(count))
                .putInt((int) thresholds.field32(size))
                .putInt((int) thresholds.field32(offset))
                .putShort((short) 0);
        return out.flip();
    }

    /**
     * One central header; returns whether it has a ZIP64 field. "Version made by" says ZIP64 (4.5)
     * once any header so far, this one included, has used it, else 2.0, as Commons Compress does,
     * so that archives of this writer and of that library's AsNeeded mode stay identical.
     */
    private boolean putCentralHeader(ByteBuffer out, ZipEntryLayout entry, boolean zip64UsedBefore) {
        boolean sizes64 = thresholds.needs64(entry.size()) || thresholds.needs64(entry.compressedSize());
        boolean offset64 = thresholds.needs64(entry.offset());
        boolean zip64 = entry.zip64Local() || sizes64 || offset64;
        int extraBytes = zip64 ? 4 + (sizes64 ? 16 : 0) + (offset64 ? 8 : 0) : 0;
        int madeBy = zip64UsedBefore || zip64 ? ZipEntryLayout.VERSION_ZIP64 : ZipEntryLayout.VERSION_DEFLATED;
        out.putInt(CENTRAL_HEADER_SIGNATURE)
                .putShort((short) (UNIX << 8 | madeBy))
                .putShort((short) entry.versionNeeded(zip64))
                .putShort((short) ZipEntryLayout.UTF8_NAMES_FLAG)
                .putShort((short) entry.method())
                .putShort((short) time.time())
                .putShort((short) time.date())
                .putInt(entry.crc())
                .putInt((int) (sizes64 ? Zip64Thresholds.MAX_32 : entry.compressedSize()))
                .putInt((int) (sizes64 ? Zip64Thresholds.MAX_32 : entry.size()))
                .putShort((short) entry.name().length)
                .putShort((short) extraBytes)
                .putShort((short) 0)
                .putShort((short) 0)
                .putShort((short) 0)
                .putInt(REGULAR_FILE_0644 << 16)
                .putInt((int) thresholds.field32(entry.offset()))
                .put(entry.name());
        if (zip64) {
            out.putShort(ZipEntryLayout.ZIP64_EXTRA_ID).putShort((short) (extraBytes - 4));
            if (sizes64) {
                out.putLong(entry.size()).putLong(entry.compressedSize());
            }
            if (offset64) {
                out.putLong(entry.offset());
            }
        }
        return zip64;
    }

    private static void putZip64End(ByteBuffer out, long count, long size, long offset) {
        long recordOffset = offset + out.position();
        out.putInt(ZIP64_END_SIGNATURE)
                .putLong(ZIP64_END_BYTES - 12)
                .putShort((short) ZipEntryLayout.VERSION_ZIP64)
                .putShort((short) ZipEntryLayout.VERSION_ZIP64)
                .putInt(0)
                .putInt(0)
                .putLong(count)
                .putLong(count)
                .putLong(size)
                .putLong(offset);
        out.putInt(ZIP64_LOCATOR_SIGNATURE)
                .putInt(0)
                .putLong(recordOffset)
                .putInt(1);
    }
}
