package org.suptools.fleetsim;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * What the agent checks on every download, without keeping the bytes: the size and the CRC-32
 * that {@code file.get} announced. The simulated gateways have no disk to write to; they read the
 * body through once, as the agent's downloader does, and refuse a file that does not match.
 *
 * @param bytes how many bytes arrived
 * @param crc32 their IEEE CRC-32
 */
public record CheckedDownload(long bytes, long crc32) {

    private static final int BUFFER = 64 * 1024;

    /** Reads the stream to its end, counting and summing it. */
    public static CheckedDownload read(InputStream body) throws IOException {
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
            crc.update(buffer, 0, n);
            total += n;
        }
        return new CheckedDownload(total, crc.getValue());
    }

    /** Empty when the download is what was announced; otherwise why not, as the ack's message says it. */
    public Optional<String> problem(long expectedSize, long expectedCrc32) {
        if (bytes != expectedSize) {
            return Optional.of("download: " + bytes + " bytes arrived, file.get announced " + expectedSize);
        }
        if (crc32 != expectedCrc32) {
            return Optional.of("download: CRC-32 " + crc32 + ", file.get announced " + expectedCrc32);
        }
        return Optional.empty();
    }
}
