package org.suptools.installer.archive;

/**
 * Counts an archive's entries and their footprint on disk ({@link UnpackLimits#footprint}) as they
 * are read, and refuses the archive as soon as either passes its limit. The counts come from the
 * sizes the archive declares, which the reader then holds every entry to, so they are what
 * unpacking writes.
 */
final class EntryBudget {

    private final UnpackLimits limits;
    private int entries;
    private long bytes;

    EntryBudget(UnpackLimits limits) {
        this.limits = limits;
    }

    /** Refuses an archive that announces more entries than the limit, before any is read. */
    void announce(long count) throws UnsafeArchiveException {
        if (count > limits.maxEntries()) {
            throw new UnsafeArchiveException("the archive announces " + count + " entries, more than the limit of "
                    + limits.maxEntries());
        }
    }

    /** Counts one entry of {@code size} content bytes (0 for a directory or a link). */
    void add(long size) throws UnsafeArchiveException {
        entries++;
        if (entries > limits.maxEntries()) {
            throw new UnsafeArchiveException("the archive has more than " + limits.maxEntries()
                    + " entries, the limit");
        }
        long footprint = UnpackLimits.footprint(size);
        bytes = footprint > Long.MAX_VALUE - bytes ? Long.MAX_VALUE : bytes + footprint;
        if (bytes > limits.maxBytes()) {
            throw new UnsafeArchiveException("the archive unpacks to more than " + limits.maxBytes()
                    + " bytes on disk, the limit (file contents in whole blocks of " + UnpackLimits.BLOCK
                    + " bytes, plus a block per entry)");
        }
    }

    int entries() {
        return entries;
    }

    long bytes() {
        return bytes;
    }
}
