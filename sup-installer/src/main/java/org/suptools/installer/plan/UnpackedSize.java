package org.suptools.installer.plan;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.suptools.model.action.ArchiveFormat;

/**
 * How many bytes an archive payload unpacks to, for the free-space check: a tar holds no more
 * than its own size; a tar.gz or a zip is streamed through once and its decompressed bytes are
 * counted, up to a cap.
 */
final class UnpackedSize {

    private UnpackedSize() {
    }

    static long of(InputStream payload, ArchiveFormat format, long payloadSize, long cap) throws IOException {
        return switch (format) {
            case TAR -> payloadSize;
            case TAR_GZ -> count(new GzipCompressorInputStream(new BufferedInputStream(payload, 1 << 16), true), cap);
            case ZIP -> zip(payload, cap);
        };
    }

    private static long zip(InputStream payload, long cap) throws IOException {
        long total = 0;
        try (ZipArchiveInputStream zip = new ZipArchiveInputStream(new BufferedInputStream(payload, 1 << 16), "UTF-8",
                false, true)) {
            for (ArchiveEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                total += count(zip, cap - total);
                if (total >= cap) {
                    return cap;
                }
            }
        }
        return total;
    }

    private static long count(InputStream in, long cap) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            total += n;
            if (total >= cap) {
                return cap;
            }
        }
        in.transferTo(OutputStream.nullOutputStream());
        return total;
    }
}
