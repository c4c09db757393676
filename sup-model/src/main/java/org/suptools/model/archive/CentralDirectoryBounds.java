package org.suptools.model.archive;

import static org.suptools.model.InvalidPackageException.Reason.TRUNCATED;
import static org.suptools.model.InvalidPackageException.Reason.UNLISTED_ENTRY;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.suptools.model.InvalidPackageException;

/**
 * Refuses an archive with more entries than a limit before a ZIP library loads its central
 * directory, which costs memory for every entry. It reads the end-of-central-directory record
 * (and the ZIP64 one it points to) itself, the way Commons Compress finds them: the last record
 * signature in the file, and a ZIP64 locator right before it. The count that record announces
 * must be within the limit; then, since Commons Compress reads central headers for as long as
 * they follow one another whatever the count says, at most one more header than the limit is
 * read to check that the directory itself holds no more.
 */
final class CentralDirectoryBounds {

    private static final int END_BYTES = 22;
    private static final int MAX_COMMENT = 0xFFFF;
    private static final int LOCATOR_BYTES = 20;
    private static final int ZIP64_END_BYTES = 56;
    private static final int CENTRAL_HEADER_BYTES = 46;

    private CentralDirectoryBounds() {
    }

    /**
     * Checks that {@code file} has at most {@code maxEntries} entries. An archive without an
     * end record passes: the ZIP library refuses it next, with its own reason.
     *
     * @return the offset of the central directory that the end record gives, or -1 without one
     */
    static long check(Path file, long maxEntries) throws IOException, InvalidPackageException {
        try (FileChannel channel = FileChannel.open(file)) {
            long size = channel.size();
            int tailLength = (int) Math.min(size, END_BYTES + MAX_COMMENT);
            ByteBuffer tail = read(channel, size - tailLength, tailLength);
            int end = lastEndRecord(tail);
            if (end < 0) {
                return -1;
            }
            long announced = Math.max(Short.toUnsignedInt(tail.getShort(end + 8)),
                    Short.toUnsignedInt(tail.getShort(end + 10)));
            long directory = Integer.toUnsignedLong(tail.getInt(end + 16));
            if (end >= LOCATOR_BYTES
                    && tail.getInt(end - LOCATOR_BYTES) == CentralDirectoryWriter.ZIP64_LOCATOR_SIGNATURE) {
                ByteBuffer zip64End = zip64End(file, channel, tail.getLong(end - LOCATOR_BYTES + 8), size);
                announced = Math.max(zip64End.getLong(24), zip64End.getLong(32));
                directory = zip64End.getLong(48);
            }
            if (announced < 0 || announced > maxEntries) {
                throw tooMany(file, "announces " + Long.toUnsignedString(announced) + " entries", maxEntries);
            }
            if (directory >= 0 && directory < size && countHeaders(channel, directory, maxEntries + 1) > maxEntries) {
                throw tooMany(file, "has more than " + maxEntries + " entries in its central directory", maxEntries);
            }
            return directory;
        }
    }

    private static int lastEndRecord(ByteBuffer tail) {
        for (int at = tail.limit() - END_BYTES; at >= 0; at--) {
            if (tail.getInt(at) == CentralDirectoryWriter.END_SIGNATURE) {
                return at;
            }
        }
        return -1;
    }

    private static ByteBuffer zip64End(Path file, FileChannel channel, long offset, long size)
            throws IOException, InvalidPackageException {
        if (offset < 0 || offset > size - ZIP64_END_BYTES) {
            throw new InvalidPackageException(TRUNCATED, file + ": is truncated or damaged: its ZIP64 locator "
                    + "points to " + Long.toUnsignedString(offset) + ", outside the file");
        }
        ByteBuffer record = read(channel, offset, ZIP64_END_BYTES);
        if (record.getInt(0) != CentralDirectoryWriter.ZIP64_END_SIGNATURE) {
            throw new InvalidPackageException(TRUNCATED, file + ": is truncated or damaged: no ZIP64 "
                    + "end-of-central-directory record where its locator points (" + offset + ")");
        }
        return record;
    }

    /** The number of consecutive central headers from {@code offset} on, counting up to {@code stop}. */
    private static long countHeaders(FileChannel channel, long offset, long stop) throws IOException {
        InputStream in = new BufferedInputStream(Channels.newInputStream(channel.position(offset)), 64 * 1024);
        ByteBuffer header = ByteBuffer.allocate(CENTRAL_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        long count = 0;
        while (count < stop) {
            if (in.readNBytes(header.array(), 0, CENTRAL_HEADER_BYTES) < CENTRAL_HEADER_BYTES
                    || header.getInt(0) != CentralDirectoryWriter.CENTRAL_HEADER_SIGNATURE) {
                break;
            }
            count++;
            long variable = Short.toUnsignedInt(header.getShort(28)) + Short.toUnsignedInt(header.getShort(30))
                    + Short.toUnsignedInt(header.getShort(32));
            try {
                in.skipNBytes(variable);
            } catch (EOFException e) {
                break;
            }
        }
        return count;
    }

    private static ByteBuffer read(FileChannel channel, long offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        int read = 0;
        while (buffer.hasRemaining() && read >= 0) {
            read = channel.read(buffer, offset + buffer.position());
        }
        return buffer.flip();
    }

    private static InvalidPackageException tooMany(Path file, String what, long maxEntries) {
        return new InvalidPackageException(UNLISTED_ENTRY, file + ": " + what + ", more than the limit of "
                + maxEntries);
    }
}
