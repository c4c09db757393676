package org.suptools.model.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;

/**
 * Lays entries out one after another in a {@link ZipOutput}, rewrites each local header once
 * its CRC and sizes are known, and ends the archive with its central directory.
 */
final class ZipAssembler {

    private final ZipOutput out;
    private final Zip64Thresholds thresholds;
    private final DosTime time;
    private final List<ZipEntryLayout> entries = new ArrayList<>();

    ZipAssembler(ZipOutput out, Zip64Thresholds thresholds, DosTime time) {
        this.out = out;
        this.thresholds = thresholds;
        this.time = time;
    }

    /** Appends a STORED entry holding {@code bytes}; returns its index. */
    int addStored(String name, byte[] bytes) throws IOException {
        ZipEntryLayout entry = ZipEntryLayout.before(name, ZipEntry.STORED, bytes.length, out.position(), thresholds)
                .after(crc(bytes), bytes.length);
        out.write(entry.localHeader(time));
        out.write(ByteBuffer.wrap(bytes));
        entries.add(entry);
        return entries.size() - 1;
    }

    /** Overwrites the data of the STORED entry {@code index} with as many other bytes, and its CRC. */
    void replaceStored(int index, byte[] bytes) throws IOException {
        ZipEntryLayout entry = entries.get(index);
        if (entry.method() != ZipEntry.STORED || entry.size() != bytes.length) {
            throw new IllegalStateException(new String(entry.name(), StandardCharsets.UTF_8)
                    + ": cannot replace " + entry.size() + " stored bytes by " + bytes.length);
        }
        ZipEntryLayout replaced = entry.after(crc(bytes), bytes.length);
        out.rewrite(entry.dataOffset(), ByteBuffer.wrap(bytes));
        out.rewrite(entry.offset(), replaced.localHeader(time));
        entries.set(index, replaced);
    }

    /** Appends the entry for a payload file of {@code size} bytes, copied (and its chunks hashed if asked) by {@code copier}. */
    PayloadCopier.Copied addPayload(String name, Path file, long size, int method, boolean chunked,
                                    PayloadCopier copier, ProgressReporter reporter) throws IOException {
        ZipEntryLayout entry = ZipEntryLayout.before(name, method, size, out.position(), thresholds);
        out.write(entry.localHeader(time));
        PayloadCopier.Copied copied = copier.copy(file, size, method, chunked, out, reporter);
        if (!entry.zip64Local() && thresholds.needs64(copied.compressedSize())) {
            throw new IOException(file + ": deflated to " + copied.compressedSize()
                    + " bytes, too many for an entry without ZIP64 sizes (" + name + ")");
        }
        ZipEntryLayout written = entry.after(copied.crc(), copied.compressedSize());
        out.rewrite(entry.offset(), written.localHeader(time));
        entries.add(written);
        return copied;
    }

    /**
     * Appends an entry whose data is copied as it is stored in another archive (never inflated
     * or deflated again); {@code raw} must hold exactly {@code compressedSize} bytes.
     */
    void addRaw(String name, int method, long size, int crc, long compressedSize, InputStream raw)
            throws IOException {
        ZipEntryLayout entry = ZipEntryLayout.before(name, method, size, out.position(), thresholds)
                .after(crc, compressedSize);
        if (!entry.zip64Local() && thresholds.needs64(compressedSize)) {
            throw new IOException(name + ": " + compressedSize + " stored bytes, too many for an entry without ZIP64 sizes");
        }
        out.write(entry.localHeader(time));
        long copied = out.transfer(raw);
        if (copied != compressedSize) {
            throw new IOException(name + ": " + copied + " bytes copied, but the entry says " + compressedSize);
        }
        entries.add(entry);
    }

    /** Writes the central directory and the end records after the last entry. */
    void finish() throws IOException {
        out.write(new CentralDirectoryWriter(thresholds, time).encode(entries, out.position()));
    }

    private static int crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return (int) crc.getValue();
    }
}
