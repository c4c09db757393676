package org.suptools.model.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Rewrites fields of an existing small ZIP file in place, the way an attacker would, to make
 * its headers lie. Handles plain (non-ZIP64) archives without a comment.
 */
final class ZipPatcher {

    private static final int CENTRAL_HEADER = 0x02014b50;
    private static final int END_OF_CENTRAL_DIRECTORY = 0x06054b50;

    private final Path file;
    private final ByteBuffer bytes;

    private ZipPatcher(Path file) throws IOException {
        this.file = file;
        this.bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    }

    static ZipPatcher patch(Path file) {
        try {
            return new ZipPatcher(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sets the uncompressed size in both the local and the central header of {@code name}. */
    ZipPatcher uncompressedSize(String name, long size) {
        int central = centralHeader(name);
        bytes.putInt(central + 24, (int) size);
        bytes.putInt(localHeader(central) + 22, (int) size);
        return this;
    }

    /** Sets the compressed size in both the local and the central header of {@code name}. */
    ZipPatcher compressedSize(String name, long size) {
        int central = centralHeader(name);
        bytes.putInt(central + 20, (int) size);
        bytes.putInt(localHeader(central) + 18, (int) size);
        return this;
    }

    /** Sets the compression method in both the local and the central header of {@code name}. */
    ZipPatcher method(String name, int method) {
        int central = centralHeader(name);
        bytes.putShort(central + 10, (short) method);
        bytes.putShort(localHeader(central) + 8, (short) method);
        return this;
    }

    /**
     * Replaces the name of {@code name} in both headers by {@code replacement} of the same
     * length, bypassing what a ZIP writer would normalise.
     */
    ZipPatcher rawName(String name, String replacement) {
        return rawName(name, replacement.getBytes(StandardCharsets.UTF_8));
    }

    /** Replaces the name bytes of {@code name} in both headers, which need not be valid UTF-8. */
    ZipPatcher rawName(String name, byte[] raw) {
        int central = centralHeader(name);
        int local = localHeader(central);
        if (raw.length != Short.toUnsignedInt(bytes.getShort(central + 28))) {
            throw new IllegalArgumentException("replacement must have the same length in UTF-8");
        }
        bytes.put(central + 46, raw);
        bytes.put(local + 30, raw);
        return this;
    }

    /** Marks {@code name} as made on MS-DOS (FAT), as Windows ZIP tools do. */
    ZipPatcher madeOnMsDos(String name) {
        bytes.put(centralHeader(name) + 5, (byte) 0);
        return this;
    }

    /** Sets both entry counts of the end-of-central-directory record. */
    ZipPatcher announcedEntries(int count) {
        int end = bytes.capacity() - 22;
        bytes.putShort(end + 8, (short) count);
        bytes.putShort(end + 10, (short) count);
        return this;
    }

    /** The position of the first byte of {@code name}'s data. */
    int dataOffset(String name) {
        int local = localHeader(centralHeader(name));
        return local + 30 + Short.toUnsignedInt(bytes.getShort(local + 26)) + Short.toUnsignedInt(bytes.getShort(local + 28));
    }

    /** Inverts the bits of one byte. */
    ZipPatcher flipByte(int position) {
        bytes.put(position, (byte) ~bytes.get(position));
        return this;
    }

    ZipPatcher setByte(int position, int value) {
        bytes.put(position, (byte) value);
        return this;
    }

    void save() {
        try {
            Files.write(file, bytes.array());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private int localHeader(int central) {
        return bytes.getInt(central + 42);
    }

    private int centralHeader(String name) {
        int end = bytes.capacity() - 22;
        if (bytes.getInt(end) != END_OF_CENTRAL_DIRECTORY) {
            throw new IllegalStateException("no plain end-of-central-directory record at the end");
        }
        int position = bytes.getInt(end + 16);
        while (bytes.getInt(position) == CENTRAL_HEADER) {
            int nameLength = Short.toUnsignedInt(bytes.getShort(position + 28));
            String entryName = new String(bytes.array(), position + 46, nameLength, StandardCharsets.UTF_8);
            if (entryName.equals(name)) {
                return position;
            }
            position += 46 + nameLength + Short.toUnsignedInt(bytes.getShort(position + 30))
                    + Short.toUnsignedInt(bytes.getShort(position + 32));
        }
        throw new IllegalArgumentException("no entry " + name);
    }
}
