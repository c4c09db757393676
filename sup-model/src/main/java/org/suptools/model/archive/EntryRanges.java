package org.suptools.model.archive;

import static org.suptools.model.InvalidPackageException.Reason.OVERLAPPING_ENTRIES;
import static org.suptools.model.InvalidPackageException.Reason.TRUNCATED;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.suptools.model.InvalidPackageException;

/**
 * Refuses a .sup whose entries share bytes: each entry's local header and compressed data must
 * lie before the next entry's local header ({@code OVERLAPPING_ENTRIES}), and the last one's
 * before the central directory (else {@code TRUNCATED}, as Commons Compress already says).
 * Without this, many central directory entries can point at one compressed blob (or into each
 * other's data, or into the directory itself), so that a small file makes a reader inflate and
 * hash the same bytes over and over: 64 entries sharing one blob made a 142 KB package cost
 * 1 GiB of work. With it, every compressed byte belongs to one entry, and the compression ratio
 * limits bound the whole work by the file's size.
 */
final class EntryRanges {

    private static final int LOCAL_HEADER_BYTES = 30;
    private static final int LOCAL_HEADER_SIGNATURE = 0x04034b50;

    private EntryRanges() {
    }

    /**
     * @param entries            in the order of their local header offsets
     * @param centralDirectory   the offset of the central directory
     * @return where each entry's data begins, by entry name
     */
    static Map<String, Long> check(Path file, List<ZipArchiveEntry> entries, long centralDirectory)
            throws IOException, InvalidPackageException {
        try (FileChannel channel = FileChannel.open(file)) {
            long size = channel.size();
            Map<String, Long> dataStarts = new HashMap<>();
            ZipArchiveEntry previous = null;
            long previousEnd = 0;
            for (ZipArchiveEntry entry : entries) {
                long start = entry.getLocalHeaderOffset();
                if (previous != null && start < previousEnd) {
                    throw overlap(file, entry, "begins at offset " + start + ", inside the bytes of entry "
                            + EntryNames.quoted(previous.getName()) + " (which end at " + previousEnd + ")");
                }
                long dataStart = dataStart(file, channel, entry, size);
                long end = dataStart + entry.getCompressedSize();
                if (entry.getCompressedSize() < 0 || end < 0 || end > size) {
                    throw new InvalidPackageException(TRUNCATED, file + ": entry " + EntryNames.quoted(entry.getName())
                            + " is truncated: its data would end past the end of the file");
                }
                if (end > centralDirectory) {
                    // Commons Compress refuses this already, as a central directory it cannot read.
                    throw new InvalidPackageException(TRUNCATED, file + ": is truncated or damaged: entry "
                            + EntryNames.quoted(entry.getName()) + " has data up to offset " + end
                            + ", inside the central directory (which begins at " + centralDirectory + ")");
                }
                dataStarts.put(entry.getName(), dataStart);
                previous = entry;
                previousEnd = end;
            }
            return dataStarts;
        }
    }

    /** Where the entry's data begins: after its local header's name and extra field. */
    private static long dataStart(Path file, FileChannel channel, ZipArchiveEntry entry, long size)
            throws IOException, InvalidPackageException {
        long at = entry.getLocalHeaderOffset();
        ByteBuffer header = ByteBuffer.allocate(LOCAL_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        int read = at >= 0 && at <= size - LOCAL_HEADER_BYTES ? 0 : -1;
        while (header.hasRemaining() && read >= 0) {
            read = channel.read(header, at + header.position());
        }
        if (header.hasRemaining() || header.getInt(0) != LOCAL_HEADER_SIGNATURE) {
            throw new InvalidPackageException(TRUNCATED, file + ": entry " + EntryNames.quoted(entry.getName())
                    + " is damaged: no local header at offset " + at);
        }
        return at + LOCAL_HEADER_BYTES + Short.toUnsignedInt(header.getShort(26))
                + Short.toUnsignedInt(header.getShort(28));
    }

    private static InvalidPackageException overlap(Path file, ZipArchiveEntry entry, String what) {
        return new InvalidPackageException(OVERLAPPING_ENTRIES, file + ": entry " + EntryNames.quoted(entry.getName())
                + " " + what + "; entries must not share bytes");
    }
}
