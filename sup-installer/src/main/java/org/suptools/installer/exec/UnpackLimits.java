package org.suptools.installer.exec;

/**
 * Bounds on what {@code archive.extract} and {@code firmware.update} unpack from one archive
 * payload, so that a package built by mistake (or with hostile content that was signed anyway)
 * cannot fill the disk or the inode table.
 */
public record UnpackLimits(long maxBytes, int maxEntries) {

    /** 64 GiB and 500,000 entries. */
    public static final UnpackLimits DEFAULTS = new UnpackLimits(64L << 30, 500_000);

    public UnpackLimits {
        if (maxBytes < 1 || maxEntries < 1) {
            throw new IllegalArgumentException("unpack limits must be positive");
        }
    }
}
