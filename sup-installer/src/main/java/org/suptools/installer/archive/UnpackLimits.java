package org.suptools.installer.archive;

/**
 * Bounds on what {@code archive.extract} and {@code firmware.update} unpack from one archive
 * payload, so that a package built by mistake (or with hostile content that was signed anyway)
 * cannot fill the disk or the inode table. Bytes are counted as the unpacked tree takes them on
 * disk ({@link #footprint}), the same way by the plan's free-space check and by the unpacker.
 */
public record UnpackLimits(long maxBytes, int maxEntries) {

    /** 64 GiB and 500,000 entries. */
    public static final UnpackLimits DEFAULTS = new UnpackLimits(64L << 30, 500_000);

    /** The unit in which file systems allocate: what a directory, a link or an inode costs at least. */
    public static final long BLOCK = 4096;

    public UnpackLimits {
        if (maxBytes < 1 || maxEntries < 1) {
            throw new IllegalArgumentException("unpack limits must be positive");
        }
    }

    /**
     * Roughly what an entry of {@code size} content bytes takes on disk: its content rounded up to
     * whole {@link #BLOCK}s, plus one block for its inode and directory entry (a directory or a
     * link costs that block alone). A million one-byte files need gigabytes, not a megabyte.
     */
    public static long footprint(long size) {
        long blocks = size / BLOCK + (size % BLOCK == 0 ? 0 : 1);
        return blocks > Long.MAX_VALUE / BLOCK - 1 ? Long.MAX_VALUE : (blocks + 1) * BLOCK;
    }
}
