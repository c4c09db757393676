package org.suptools.model.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;

/**
 * Chooses STORED or DEFLATED for a payload entry. The choice depends only on the entry name and
 * the file's content and size, so the same inputs always give the same archive; the rule is
 * spelled out on {@link SupWriter}.
 */
final class CompressionPolicy {

    /** Deflate level for every DEFLATED entry: zlib's default balance of speed and size. */
    static final int LEVEL = 6;

    /** How much of the start of a file is test-compressed. */
    static final int SAMPLE_BYTES = 1024 * 1024;

    /** A file is deflated only when its sample shrinks to at most this fraction. */
    static final double WORTHWHILE_RATIO = 0.9;

    /**
     * Below 4 GiB an entry has no ZIP64 field for its compressed size, and deflate can expand
     * incompressible data by about 0.03%; files this close to the limit are stored instead.
     */
    static final long DEFLATE_SIZE_CEILING = 0xFFFF_FFFFL - 64L * 1024 * 1024;

    static final Set<String> COMPRESSED_EXTENSIONS = Set.of(
            ".gz", ".tgz", ".zip", ".jar", ".xz", ".bz2", ".zst", ".7z", ".png", ".jpg", ".jpeg",
            ".mp4", ".apk", ".deb", ".rpm", ".ipk", ".sup", ".br", ".lz4");

    private CompressionPolicy() {
    }

    /** {@link ZipEntry#STORED} or {@link ZipEntry#DEFLATED} for the file about to become {@code entryName}. */
    static int methodFor(String entryName, Path file, long size) throws IOException {
        if (size == 0 || hasCompressedExtension(entryName)
                || size >= DEFLATE_SIZE_CEILING && size < 0xFFFF_FFFFL) {
            return ZipEntry.STORED;
        }
        return sampleShrinks(file) ? ZipEntry.DEFLATED : ZipEntry.STORED;
    }

    static boolean hasCompressedExtension(String entryName) {
        String lower = entryName.toLowerCase(Locale.ROOT);
        int dot = lower.lastIndexOf('.');
        return dot > lower.lastIndexOf('/') && COMPRESSED_EXTENSIONS.contains(lower.substring(dot));
    }

    private static boolean sampleShrinks(Path file) throws IOException {
        byte[] sample;
        try (InputStream in = Files.newInputStream(file)) {
            sample = in.readNBytes(SAMPLE_BYTES);
        }
        if (sample.length == 0) {
            return false;
        }
        Deflater deflater = new Deflater(LEVEL, true);
        try {
            deflater.setInput(sample);
            deflater.finish();
            byte[] out = new byte[64 * 1024];
            long compressed = 0;
            while (!deflater.finished()) {
                compressed += deflater.deflate(out);
            }
            return compressed <= sample.length * WORTHWHILE_RATIO;
        } finally {
            deflater.end();
        }
    }
}
