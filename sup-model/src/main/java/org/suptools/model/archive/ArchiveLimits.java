package org.suptools.model.archive;

/**
 * The bounds {@link SupArchive} enforces on a package before trusting it, so that a hostile
 * file costs bounded memory and time.
 *
 * @param maxManifestBytes      largest accepted {@code manifest.json}, in bytes
 * @param maxSignaturesBytes    largest accepted {@code signatures.json}, in bytes
 * @param maxCompressionRatio   largest accepted ratio of uncompressed to compressed bytes for a
 *                              payload entry above {@code ratioThresholdBytes}
 * @param ratioThresholdBytes   entries up to this many uncompressed bytes are exempt from the
 *                              ratio check (small files of zeros compress legitimately well, and
 *                              cannot hurt)
 * @param maxEntries            most entries accepted in the archive, checked against its
 *                              end-of-central-directory record and its central directory before
 *                              the directory is loaded
 */
public record ArchiveLimits(long maxManifestBytes, long maxSignaturesBytes, double maxCompressionRatio,
                            long ratioThresholdBytes, int maxEntries) {

    /** The entry limit of {@link #DEFAULTS}. */
    public static final int DEFAULT_MAX_ENTRIES = 10_000;

    /** 1 MiB manifest, 64 KiB signatures, ratio 200 for entries above 1 MiB, 10,000 entries. */
    public static final ArchiveLimits DEFAULTS = new ArchiveLimits(1024 * 1024, 64 * 1024, 200, 1024 * 1024,
            DEFAULT_MAX_ENTRIES);

    /** Limits with {@link #DEFAULT_MAX_ENTRIES} entries. */
    public ArchiveLimits(long maxManifestBytes, long maxSignaturesBytes, double maxCompressionRatio,
                         long ratioThresholdBytes) {
        this(maxManifestBytes, maxSignaturesBytes, maxCompressionRatio, ratioThresholdBytes, DEFAULT_MAX_ENTRIES);
    }

    public ArchiveLimits {
        if (maxManifestBytes < 1) {
            throw new IllegalArgumentException("maxManifestBytes: must be positive, was " + maxManifestBytes);
        }
        if (maxSignaturesBytes < 1) {
            throw new IllegalArgumentException("maxSignaturesBytes: must be positive, was " + maxSignaturesBytes);
        }
        if (!(maxCompressionRatio >= 1)) {
            throw new IllegalArgumentException("maxCompressionRatio: must be at least 1, was " + maxCompressionRatio);
        }
        if (ratioThresholdBytes < 0) {
            throw new IllegalArgumentException("ratioThresholdBytes: must not be negative, was " + ratioThresholdBytes);
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries: must be positive, was " + maxEntries);
        }
    }

    /** Whether {@code uncompressed} bytes out of {@code compressed} bytes in is too good to be true. */
    boolean ratioExceeded(long uncompressed, long compressed) {
        if (uncompressed <= ratioThresholdBytes) {
            return false;
        }
        return compressed <= 0 || (double) uncompressed / compressed > maxCompressionRatio;
    }
}
