package org.suptools.installer.archive;

import static org.suptools.installer.archive.ZipLayout.MAX32;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.suptools.installer.fs.Deadline;
import org.suptools.model.archive.EntryNameRule;

/**
 * Reads a ZIP file through its central directory, and only if every reader would see the same
 * entries in it: the entries lie one after the other from offset 0, in the order of the
 * directory, each local header right where the previous entry (its data and data descriptor)
 * ends, the central directory right after the last one; each local header (and data descriptor)
 * agrees with its central header on the name, method, CRC-32 and sizes. So no entry hides
 * behind another (an entry only the central directory lists, or only a local header), no two
 * entries share bytes, and a reader that streams the local headers finds exactly the entries a
 * reader of the central directory does. Each entry's content is checked against its sizes and
 * CRC-32 as it is read ({@link ZipEntryData}).
 *
 * <p>Only STORED and DEFLATED entries, unencrypted; names must be UTF-8. The directory is read
 * one header at a time, so memory does not grow with the number of entries.
 */
final class ZipEntries {

    private static final int LOCAL = 0x04034b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int DESCRIPTOR = 0x08074b50;
    private static final int LOCAL_BYTES = 30;
    private static final int CENTRAL_BYTES = 46;
    private static final int ZIP64_EXTRA = 0x0001;
    private static final int UNIX = 3;
    private static final int TYPE_MASK = 0170000;
    private static final int MAX_LINK_TARGET = 4096;

    /** One central directory header, with the values its ZIP64 field supplies. */
    private record Central(byte[] rawName, int madeBy, int flags, int method, long crc, long compressedSize,
            long size, long externalAttributes, long localHeaderOffset) {
    }

    /** Where an entry's data begins, and whether its local header has a ZIP64 field. */
    private record Local(long dataStart, boolean zip64) {
    }

    private final FileChannel channel;
    private final EntryBudget budget;
    private final Deadline deadline;

    private ZipEntries(FileChannel channel, EntryBudget budget, Deadline deadline) {
        this.channel = channel;
        this.budget = budget;
        this.deadline = deadline;
    }

    static <X extends Exception> void read(Path file, EntryBudget budget, Deadline deadline, ArchiveVisitor<X> visitor)
            throws IOException, X {
        try (FileChannel channel = FileChannel.open(file)) {
            new ZipEntries(channel, budget, deadline).read(visitor);
        }
    }

    private <X extends Exception> void read(ArchiveVisitor<X> visitor) throws IOException, X {
        ZipLayout layout = ZipLayout.of(channel);
        budget.announce(layout.entries());
        InputStream directory = new BufferedInputStream(Channels.newInputStream(
                channel.position(layout.directoryOffset())), 64 * 1024);
        long at = layout.directoryOffset();
        long expectedLocal = 0;
        for (long index = 0; index < layout.entries(); index++) {
            deadline.check();
            if (at + CENTRAL_BYTES > layout.directoryEnd()) {
                throw new UnsafeArchiveException("the zip archive's central directory ends before its "
                        + layout.entries() + " entries");
            }
            ByteBuffer fixed = le(directory.readNBytes(CENTRAL_BYTES));
            if (fixed.capacity() < CENTRAL_BYTES || fixed.getInt(0) != CENTRAL) {
                throw new UnsafeArchiveException("the zip archive's central directory is damaged at offset " + at);
            }
            int variable = Short.toUnsignedInt(fixed.getShort(28)) + Short.toUnsignedInt(fixed.getShort(30))
                    + Short.toUnsignedInt(fixed.getShort(32));
            byte[] rest = directory.readNBytes(variable);
            at += CENTRAL_BYTES + variable;
            if (rest.length < variable || at > layout.directoryEnd()) {
                throw new UnsafeArchiveException("the zip archive's central directory is damaged at offset " + at);
            }
            Central central = central(fixed, rest);
            expectedLocal = entry(central, expectedLocal, layout.directoryOffset(), visitor);
        }
        if (at != layout.directoryEnd()) {
            throw new UnsafeArchiveException("the zip archive's central directory holds more than the "
                    + layout.entries() + " entries its end record announces");
        }
        if (expectedLocal != layout.directoryOffset()) {
            throw new UnsafeArchiveException("the zip archive has " + (layout.directoryOffset() - expectedLocal)
                    + " bytes before its central directory that no entry accounts for (an entry the central "
                    + "directory does not list?)");
        }
    }

    /** Checks one entry against its local header and hands it to the visitor; returns where the next must begin. */
    private <X extends Exception> long entry(Central central, long expectedLocal, long directoryOffset,
            ArchiveVisitor<X> visitor) throws IOException, X {
        String raw = name(central.rawName());
        if (central.localHeaderOffset() != expectedLocal) {
            throw UnsafeArchiveException.entry(raw, central.localHeaderOffset() < expectedLocal
                    ? "overlaps the entry before it (its local header is at offset " + central.localHeaderOffset()
                            + ", inside that entry's bytes)"
                    : "begins at offset " + central.localHeaderOffset() + ", after " + (central.localHeaderOffset()
                            - expectedLocal) + " bytes that no entry accounts for (an entry the central directory "
                            + "does not list?)");
        }
        if ((central.flags() & 0x2041) != 0) {
            throw UnsafeArchiveException.entry(raw, "is encrypted");
        }
        if (central.method() != 0 && central.method() != 8) {
            throw UnsafeArchiveException.entry(raw, "uses compression method " + central.method()
                    + "; only stored (0) and deflated (8) entries are unpacked");
        }
        if (central.method() == 0 && central.compressedSize() != central.size()) {
            throw UnsafeArchiveException.entry(raw, "is stored, but its compressed and uncompressed sizes differ");
        }
        Local local = checkLocalHeader(raw, central);
        long dataStart = local.dataStart();
        long dataEnd = dataStart + central.compressedSize();
        if (central.compressedSize() < 0 || dataEnd < dataStart || dataEnd > directoryOffset) {
            throw UnsafeArchiveException.entry(raw, "has data that runs into the central directory");
        }
        long next = dataEnd + descriptorLength(raw, central, local.zip64(), dataEnd, directoryOffset);

        String name = EntryPaths.normalise(raw);
        // Only an archive made on Unix keeps a Unix mode in the high half of the external attributes.
        int mode = (central.madeBy() >>> 8) == UNIX ? (int) (central.externalAttributes() >>> 16) & 0xFFFF : 0;
        int type = mode & TYPE_MASK;
        try (ZipEntryData content = new ZipEntryData(channel, dataStart, dataEnd, central.method() == 8,
                central.size(), central.crc(), raw, deadline)) {
            if (raw.endsWith("/")) {
                if (type != 0 && type != 040000) {
                    throw UnsafeArchiveException.entry(raw, String.format("is named like a directory, but its unix "
                            + "mode is %06o", mode));
                }
                if (central.size() != 0) {
                    throw UnsafeArchiveException.entry(raw, "is a directory but declares " + central.size()
                            + " bytes of content");
                }
                content.drain();
                if (!name.isEmpty()) {
                    budget.directory(name);
                    visitor.directory(name, mode & 0777);
                }
            } else if (type == 0120000) {
                if (central.size() > MAX_LINK_TARGET) {
                    throw UnsafeArchiveException.entry(raw, "is a link with an implausibly long target");
                }
                String target = linkTarget(raw, content.readAllBytes());
                budget.file(nonEmpty(raw, name), 0);
                visitor.link(name, target);
            } else if (type == 0 || type == 0100000) {
                budget.file(nonEmpty(raw, name), central.size());
                visitor.file(name, mode & 0777, central.size(), content);
                content.drain();
            } else {
                throw UnsafeArchiveException.entry(raw, special(type, mode));
            }
        }
        return next;
    }

    /** The local header must agree with the central one. */
    private Local checkLocalHeader(String raw, Central central) throws IOException {
        ByteBuffer local = ZipLayout.read(channel, central.localHeaderOffset(), LOCAL_BYTES);
        if (local.getInt(0) != LOCAL) {
            throw UnsafeArchiveException.entry(raw, "has no local header at offset " + central.localHeaderOffset());
        }
        int nameLength = Short.toUnsignedInt(local.getShort(26));
        int extraLength = Short.toUnsignedInt(local.getShort(28));
        ByteBuffer variable = ZipLayout.read(channel, central.localHeaderOffset() + LOCAL_BYTES,
                nameLength + extraLength);
        byte[] localName = new byte[nameLength];
        variable.get(0, localName);
        if (!Arrays.equals(localName, central.rawName())) {
            throw UnsafeArchiveException.entry(raw, "is named '" + name(localName) + "' in its local header");
        }
        int flags = Short.toUnsignedInt(local.getShort(6));
        if (Short.toUnsignedInt(local.getShort(8)) != central.method() || (flags & 0x2041) != 0) {
            throw UnsafeArchiveException.entry(raw, "has another compression method or encryption in its local header");
        }
        long crc = Integer.toUnsignedLong(local.getInt(14));
        long compressed = Integer.toUnsignedLong(local.getInt(18));
        long size = Integer.toUnsignedLong(local.getInt(22));
        ByteBuffer zip64 = extraField(raw, variable, nameLength, extraLength);
        if (compressed == MAX32 || size == MAX32) {
            if (zip64 == null || zip64.remaining() < 16) {
                throw UnsafeArchiveException.entry(raw, "has ZIP64 sizes in its local header but no ZIP64 field");
            }
            size = zip64.getLong();
            compressed = zip64.getLong();
        }
        boolean descriptor = (flags & 0x08) != 0;
        boolean agrees = crc == central.crc() && compressed == central.compressedSize() && size == central.size();
        boolean deferred = descriptor && crc == 0 && compressed == 0 && size == 0;
        if (!agrees && !deferred) {
            throw UnsafeArchiveException.entry(raw, "has another CRC-32 or size in its local header than in the "
                    + "central directory");
        }
        if (descriptor != ((central.flags() & 0x08) != 0)) {
            throw UnsafeArchiveException.entry(raw, "has a data descriptor by one header and not by the other");
        }
        return new Local(central.localHeaderOffset() + LOCAL_BYTES + nameLength + extraLength, zip64 != null);
    }

    /**
     * The length of the data descriptor after an entry's data (0 without one), which must repeat
     * the central directory's CRC-32 and sizes: with or without its signature, with 4-byte sizes,
     * or 8-byte ones when the sizes need them or the local header has a ZIP64 field.
     */
    private long descriptorLength(String raw, Central central, boolean localZip64, long dataEnd, long directoryOffset)
            throws IOException {
        if ((central.flags() & 0x08) == 0) {
            return 0;
        }
        boolean wide = localZip64 || central.size() >= MAX32 || central.compressedSize() >= MAX32;
        int available = (int) Math.min(24, directoryOffset - dataEnd);
        ByteBuffer descriptor = ZipLayout.read(channel, dataEnd, available);
        int at = available >= 4 && descriptor.getInt(0) == DESCRIPTOR ? 4 : 0;
        int length = at + 4 + (wide ? 16 : 8);
        if (length > available) {
            throw UnsafeArchiveException.entry(raw, "has no room for its data descriptor before the next entry");
        }
        long crc = Integer.toUnsignedLong(descriptor.getInt(at));
        long compressed = wide ? descriptor.getLong(at + 4) : Integer.toUnsignedLong(descriptor.getInt(at + 4));
        long size = wide ? descriptor.getLong(at + 12) : Integer.toUnsignedLong(descriptor.getInt(at + 8));
        if (crc != central.crc() || compressed != central.compressedSize() || size != central.size()) {
            throw UnsafeArchiveException.entry(raw, "has a data descriptor that disagrees with the central directory");
        }
        return length;
    }

    private Central central(ByteBuffer fixed, byte[] rest) throws UnsafeArchiveException {
        int nameLength = Short.toUnsignedInt(fixed.getShort(28));
        int extraLength = Short.toUnsignedInt(fixed.getShort(30));
        byte[] rawName = Arrays.copyOf(rest, nameLength);
        String raw = name(rawName);
        long compressed = Integer.toUnsignedLong(fixed.getInt(20));
        long size = Integer.toUnsignedLong(fixed.getInt(24));
        long offset = Integer.toUnsignedLong(fixed.getInt(42));
        int disk = Short.toUnsignedInt(fixed.getShort(34));
        ByteBuffer zip64 = extraField(raw, le(rest), nameLength, extraLength);
        if (size == MAX32 || compressed == MAX32 || offset == MAX32 || disk == 0xFFFF) {
            if (zip64 == null) {
                throw UnsafeArchiveException.entry(raw, "has ZIP64 values in its central header but no ZIP64 field");
            }
            try {
                size = size == MAX32 ? zip64.getLong() : size;
                compressed = compressed == MAX32 ? zip64.getLong() : compressed;
                offset = offset == MAX32 ? zip64.getLong() : offset;
                disk = disk == 0xFFFF ? zip64.getInt() : disk;
            } catch (java.nio.BufferUnderflowException e) {
                throw UnsafeArchiveException.entry(raw, "has a ZIP64 field too short for its values");
            }
        }
        if (disk != 0) {
            throw UnsafeArchiveException.entry(raw, "is on another disk of a split archive");
        }
        return new Central(rawName, Short.toUnsignedInt(fixed.getShort(4)), Short.toUnsignedInt(fixed.getShort(8)),
                Short.toUnsignedInt(fixed.getShort(10)), Integer.toUnsignedLong(fixed.getInt(16)), compressed, size,
                Integer.toUnsignedLong(fixed.getInt(38)), offset);
    }

    /** The ZIP64 extra field's data, positioned at its start, or null; a malformed extra area is refused. */
    private static ByteBuffer extraField(String raw, ByteBuffer variable, int nameLength, int extraLength)
            throws UnsafeArchiveException {
        ByteBuffer found = null;
        int at = nameLength;
        int end = nameLength + extraLength;
        while (at < end) {
            if (at + 4 > end) {
                throw UnsafeArchiveException.entry(raw, "has a malformed extra field");
            }
            int id = Short.toUnsignedInt(variable.getShort(at));
            int length = Short.toUnsignedInt(variable.getShort(at + 2));
            if (at + 4 + length > end) {
                throw UnsafeArchiveException.entry(raw, "has a malformed extra field");
            }
            if (id == ZIP64_EXTRA && found == null) {
                found = variable.slice(at + 4, length).order(ByteOrder.LITTLE_ENDIAN);
            }
            at += 4 + length;
        }
        return found;
    }

    private static String name(byte[] raw) throws UnsafeArchiveException {
        return EntryNameRule.decodedUtf8(raw).orElseThrow(() -> UnsafeArchiveException.entry(
                new String(raw, StandardCharsets.UTF_8), "has a name that is not valid UTF-8"));
    }

    private static String linkTarget(String raw, byte[] target) throws UnsafeArchiveException {
        return EntryNameRule.decodedUtf8(target).orElseThrow(() -> UnsafeArchiveException.entry(
                raw, "is a link whose target is not valid UTF-8"));
    }

    private static String nonEmpty(String raw, String name) throws UnsafeArchiveException {
        if (name.isEmpty()) {
            throw UnsafeArchiveException.entry(raw, "names the destination itself but is not a directory");
        }
        return name;
    }

    private static String special(int type, int mode) {
        String what = switch (type) {
            case 0020000 -> "a character device";
            case 0060000 -> "a block device";
            case 0010000 -> "a FIFO";
            case 0140000 -> "a socket";
            case 0040000 -> "a directory whose name does not end in '/'";
            default -> "a special file";
        };
        return String.format("is %s (unix mode %06o); only files, directories and symbolic links are unpacked", what,
                mode);
    }

    private static ByteBuffer le(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}
