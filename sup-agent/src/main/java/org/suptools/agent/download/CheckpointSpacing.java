package org.suptools.agent.download;

/**
 * How far apart a download forces what it received to disk and records how far it got: every
 * sixty-fourth of the file, and never closer than a minimum. A checkpoint costs a forced write of
 * the part and of the job's record; a kill costs at most what arrived since the last one. Forcing
 * every MiB, as the HTTP backend's download once did, made 1,024 checkpoints of a 1 GiB package
 * and took about half of its download time (docs/performance.md).
 */
public final class CheckpointSpacing {

    /** The closest two checkpoints of a real download are. */
    public static final long MIN_BYTES = 1L << 20;

    /** Checkpoints in a file large enough that {@link #MIN_BYTES} does not decide. */
    public static final int PER_FILE = 64;

    private CheckpointSpacing() {
    }

    /** The bytes between two checkpoints of a file of {@code size} bytes (0 when unknown). */
    public static long of(long size, long minimum) {
        return Math.max(minimum, size / PER_FILE);
    }
}
