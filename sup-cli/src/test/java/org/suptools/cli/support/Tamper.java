package org.suptools.cli.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/** Damages packages the way an attacker or a bad disk would, for tests that must see the damage refused. */
public final class Tamper {

    private Tamper() {
    }

    /**
     * Flips one byte inside the stored data of a payload entry (never its ZIP headers), choosing a
     * byte whose change keeps the entry readable and its length the same, so what a verifier
     * sees is content that differs from the manifest's hash. For a STORED entry any byte does;
     * for a DEFLATED one, most flips break the compressed stream instead, so the candidates are
     * tried here, in memory, until one decompresses to different bytes of the same length.
     *
     * @return the offset in the file of the byte that was flipped
     */
    public static long flipPayloadByte(Path sup, String entryName) {
        try {
            long dataOffset;
            int compressedSize;
            int method;
            byte[] original;
            try (ZipFile zip = ZipFile.builder().setPath(sup).get()) {
                ZipArchiveEntry entry = zip.getEntry(entryName);
                if (entry == null) {
                    throw new IllegalArgumentException(sup + " has no entry " + entryName);
                }
                dataOffset = entry.getDataOffset();
                compressedSize = Math.toIntExact(entry.getCompressedSize());
                method = entry.getMethod();
                try (InputStream in = zip.getInputStream(entry)) {
                    original = in.readAllBytes();
                }
            }
            byte[] data = new byte[compressedSize];
            try (FileChannel channel = FileChannel.open(sup, StandardOpenOption.READ)) {
                channel.read(ByteBuffer.wrap(data), dataOffset);
            }
            int index = method == ZipEntry.STORED ? compressedSize / 2 : readableFlip(data, original);
            data[index] = (byte) ~data[index];
            try (FileChannel channel = FileChannel.open(sup, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(data, index, 1), dataOffset + index);
            }
            return dataOffset + index;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int readableFlip(byte[] deflated, byte[] original) {
        for (int i = deflated.length / 2; i < deflated.length + deflated.length / 2; i++) {
            int index = i % deflated.length;
            byte[] changed = deflated.clone();
            changed[index] = (byte) ~changed[index];
            byte[] inflated = inflate(changed, original.length);
            if (inflated != null && inflated.length == original.length && !Arrays.equals(inflated, original)) {
                return index;
            }
        }
        throw new IllegalStateException("no single-byte change keeps this entry readable");
    }

    /** The raw-deflate content, or null when the data is broken or longer than {@code expected}. */
    private static byte[] inflate(byte[] deflated, int expected) {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(deflated);
            byte[] out = new byte[expected + 1];
            int length = 0;
            while (!inflater.finished() && length < out.length) {
                int n = inflater.inflate(out, length, out.length - length);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    return null;
                }
                length += n;
            }
            return inflater.finished() ? Arrays.copyOf(out, length) : null;
        } catch (DataFormatException e) {
            return null;
        } finally {
            inflater.end();
        }
    }

    /** Reads a whole file, for comparing packages byte for byte. */
    public static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
