package org.suptools.installer.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * Where a ZIP file's central directory is, from its end-of-central-directory record (and the
 * ZIP64 record its locator points to), held to a strict layout: one disk, the record and its
 * comment exactly at the end of the file, the ZIP64 record right before its locator, and the
 * central directory right before those records. Anything else is refused: it is how bytes hide
 * from one reader and not from another.
 *
 * @param directoryOffset where the first central header is
 * @param directoryEnd    where the central directory must end: the ZIP64 end record, or the end record
 * @param entries         how many entries the record announces
 */
record ZipLayout(long directoryOffset, long directoryEnd, long entries) {

    static final int END = 0x06054b50;
    static final int ZIP64_END = 0x06064b50;
    static final int ZIP64_LOCATOR = 0x07064b50;
    static final long MAX32 = 0xFFFFFFFFL;
    private static final int END_BYTES = 22;
    private static final int LOCATOR_BYTES = 20;
    private static final int ZIP64_END_BYTES = 56;
    private static final int MAX_COMMENT = 0xFFFF;

    static ZipLayout of(FileChannel channel) throws IOException {
        long size = channel.size();
        int tailLength = (int) Math.min(size, END_BYTES + MAX_COMMENT);
        ByteBuffer tail = read(channel, size - tailLength, tailLength);
        int end = -1;
        for (int at = tailLength - END_BYTES; at >= 0 && end < 0; at--) {
            if (tail.getInt(at) == END && at + END_BYTES + Short.toUnsignedInt(tail.getShort(at + 20)) == tailLength) {
                end = at;
            }
        }
        if (end < 0) {
            throw new UnsafeArchiveException("the zip archive has no end-of-central-directory record at its end "
                    + "(it is not a zip archive, or something follows it)");
        }
        long endOffset = size - tailLength + end;
        if (tail.getShort(end + 4) != 0 || tail.getShort(end + 6) != 0) {
            throw new UnsafeArchiveException("the zip archive spans several disks");
        }
        long onDisk = Short.toUnsignedInt(tail.getShort(end + 8));
        long entries = Short.toUnsignedInt(tail.getShort(end + 10));
        long directorySize = Integer.toUnsignedLong(tail.getInt(end + 12));
        long directoryOffset = Integer.toUnsignedLong(tail.getInt(end + 16));
        long directoryEnd = endOffset;
        if (end >= LOCATOR_BYTES && tail.getInt(end - LOCATOR_BYTES) == ZIP64_LOCATOR) {
            long locator = endOffset - LOCATOR_BYTES;
            long zip64End = tail.getLong(end - LOCATOR_BYTES + 8);
            if (tail.getInt(end - LOCATOR_BYTES + 4) != 0 || tail.getInt(end - LOCATOR_BYTES + 16) != 1) {
                throw new UnsafeArchiveException("the zip archive spans several disks");
            }
            if (zip64End < 0 || zip64End > locator - ZIP64_END_BYTES) {
                throw new UnsafeArchiveException("the zip archive's ZIP64 locator points outside the file");
            }
            ByteBuffer record = read(channel, zip64End, ZIP64_END_BYTES);
            if (record.getInt(0) != ZIP64_END || record.getLong(4) < 44
                    || zip64End + 12 + record.getLong(4) != locator) {
                throw new UnsafeArchiveException("the zip archive has no ZIP64 end record right before its locator");
            }
            if (record.getInt(16) != 0 || record.getInt(20) != 0) {
                throw new UnsafeArchiveException("the zip archive spans several disks");
            }
            onDisk = agree(onDisk, 0xFFFF, record.getLong(24));
            entries = agree(entries, 0xFFFF, record.getLong(32));
            directorySize = agree(directorySize, MAX32, record.getLong(40));
            directoryOffset = agree(directoryOffset, MAX32, record.getLong(48));
            directoryEnd = zip64End;
        }
        if (onDisk != entries) {
            throw new UnsafeArchiveException("the zip archive's end record gives two different entry counts");
        }
        if (directoryOffset < 0 || directorySize < 0 || directoryOffset > directoryEnd
                || directoryEnd - directoryOffset != directorySize) {
            throw new UnsafeArchiveException("the zip archive's central directory is not where its end record says "
                    + "(right before the end record, " + directorySize + " bytes from offset " + directoryOffset + ")");
        }
        return new ZipLayout(directoryOffset, directoryEnd, entries);
    }

    /** The ZIP64 value, when the 32-bit one is saturated or says the same. */
    private static long agree(long narrow, long saturated, long wide) throws UnsafeArchiveException {
        if (narrow != saturated && narrow != wide) {
            throw new UnsafeArchiveException("the zip archive's end record and ZIP64 end record disagree");
        }
        return wide;
    }

    static ByteBuffer read(FileChannel channel, long offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        if (offset < 0 || offset > channel.size() - length) {
            throw new UnsafeArchiveException("the zip archive is truncated: it ends before byte " + (offset + length));
        }
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                throw new UnsafeArchiveException("the zip archive is truncated: it ends before byte "
                        + (offset + length));
            }
        }
        return buffer.flip();
    }
}
