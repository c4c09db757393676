package org.suptools.installer.archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.suptools.installer.fs.Deadline;
import org.suptools.model.action.ArchiveFormat;

/**
 * The one reader of archive payloads (zip, tar, tar.gz). The plan reads an archive with it to
 * count what it unpacks to, and the unpacker reads it with it to unpack it: one list of entries,
 * read the same way, checked the same way, so the plan's numbers are the unpacker's numbers and
 * an archive the unpacker would refuse is refused by the plan, before any change.
 *
 * <p>It refuses (with an {@link UnsafeArchiveException} naming the entry) names that are absolute
 * or climb out, hard links, devices, FIFOs and every other special entry, sparse files, content
 * longer or shorter than declared, a zip whose headers disagree or whose bytes are not all
 * accounted for by its entries ({@link ZipEntries}), and more entries or bytes on disk than the
 * {@link UnpackLimits}. It never holds a payload in memory: a tar is streamed; a zip, whose
 * directory is at its end, is first copied to a spool file, read from there, and deleted.
 */
public final class PayloadArchive {

    private static final int BUFFER = 64 * 1024;

    /** What an archive holds: its entries (not counting {@code ./}) and their footprint on disk. */
    public record Summary(int entries, long diskBytes) {
    }

    private PayloadArchive() {
    }

    /**
     * Reads {@code payload} to its end, handing each entry to {@code visitor} in archive order.
     *
     * @param spoolFile where a zip is copied to be read (its directory is created); deleted afterwards
     * @param deadline  checked between entries and while spooling
     */
    public static <X extends Exception> Summary read(InputStream payload, ArchiveFormat format, Path spoolFile,
            UnpackLimits limits, Deadline deadline, ArchiveVisitor<X> visitor) throws IOException, X {
        EntryBudget budget = new EntryBudget(limits);
        switch (format) {
            case ZIP -> zip(payload, spoolFile, budget, deadline, visitor);
            case TAR -> tar(payload, false, budget, deadline, visitor);
            case TAR_GZ -> tar(payload, true, budget, deadline, visitor);
        }
        return new Summary(budget.entries(), budget.bytes());
    }

    private static <X extends Exception> void tar(InputStream raw, boolean gzip, EntryBudget budget, Deadline deadline,
            ArchiveVisitor<X> visitor) throws IOException, X {
        InputStream buffered = new BufferedInputStream(raw, BUFFER);
        InputStream in;
        try {
            in = gzip ? new GzipCompressorInputStream(buffered, true) : buffered;
        } catch (IOException e) {
            throw TarEntries.damaged(e);
        }
        TarEntries.read(in, budget, deadline, visitor);
        // Read to the end, so that the payload stream checks the size and hash of every byte.
        buffered.transferTo(OutputStream.nullOutputStream());
    }

    private static <X extends Exception> void zip(InputStream payload, Path spoolFile, EntryBudget budget,
            Deadline deadline, ArchiveVisitor<X> visitor) throws IOException, X {
        Files.createDirectories(spoolFile.toAbsolutePath().getParent());
        Files.deleteIfExists(spoolFile);
        try {
            // A temporary copy: not forced to disk, nothing depends on it surviving a crash.
            try (OutputStream out = Files.newOutputStream(spoolFile, StandardOpenOption.CREATE_NEW)) {
                byte[] buffer = new byte[BUFFER];
                for (int n = payload.read(buffer); n >= 0; n = payload.read(buffer)) {
                    out.write(buffer, 0, n);
                    deadline.check();
                }
            }
            ZipEntries.read(spoolFile, budget, deadline, visitor);
        } finally {
            Files.deleteIfExists(spoolFile);
        }
    }
}
