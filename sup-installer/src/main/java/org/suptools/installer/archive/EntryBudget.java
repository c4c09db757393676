package org.suptools.installer.archive;

import java.util.HashSet;
import java.util.Set;

/**
 * Counts what unpacking an archive creates, as it is read, and refuses the archive as soon as
 * its entries or their footprint on disk ({@link UnpackLimits#footprint}) pass the limits. It
 * counts as the unpacker creates: each file and link once, each directory once whether the
 * archive lists it or only implies it as the parent of another entry. The counts come from the
 * sizes the archive declares, which the reader then holds every entry to, so they are what
 * unpacking writes.
 */
final class EntryBudget {

    private final UnpackLimits limits;
    private final Set<String> directories = new HashSet<>();
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

    /** A directory, by its clean relative path; counted once, however often it is listed or implied. */
    void directory(String name) throws UnsafeArchiveException {
        parents(name);
        if (directories.add(name)) {
            count(0);
        }
    }

    /** A file of {@code size} content bytes, or a link (size 0), and the directories it implies. */
    void file(String name, long size) throws UnsafeArchiveException {
        parents(name);
        count(size);
    }

    private void parents(String name) throws UnsafeArchiveException {
        for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
            if (directories.add(name.substring(0, slash))) {
                count(0);
            }
        }
    }

    private void count(long size) throws UnsafeArchiveException {
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
