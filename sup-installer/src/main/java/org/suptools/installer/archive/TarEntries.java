package org.suptools.installer.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.suptools.installer.fs.Deadline;
import org.suptools.model.archive.PayloadVerificationException;
import org.suptools.model.problem.ShownText;

/**
 * Reads a tar stream entry by entry: regular files, directories and symbolic links only, each
 * file exactly as long as its header declares. Refused, naming the entry: hard links, character
 * and block devices, FIFOs, any other type flag (GNU volume labels, multi-volume parts,
 * dump directories, vendor types), and sparse files of every kind (old GNU {@code S}, PAX 0.0,
 * 0.1 and 1.0, star): a sparse entry unpacks to its "real size", which its header hides, so a
 * 10 KB archive could fill the disk behind the free-space check's back. Refusing them is simpler
 * and safer than expanding them; firmware and application trees do not need them.
 */
final class TarEntries {

    private static final int MAX_LINK_TARGET = 4096;

    private TarEntries() {
    }

    static <X extends Exception> void read(InputStream in, EntryBudget budget, Deadline deadline,
            ArchiveVisitor<X> visitor) throws IOException, X {
        TarArchiveInputStream tar = new TarArchiveInputStream(in, StandardCharsets.UTF_8.name());
        for (TarArchiveEntry entry = next(tar); entry != null; entry = next(tar)) {
            deadline.check();
            if (entry.isGlobalPaxHeader()) {
                // Its settings apply to the entries that follow, which are checked one by one.
                continue;
            }
            String raw = entry.getName();
            refuseSparse(raw, entry);
            byte type = kind(raw, entry);
            String name = EntryPaths.normalise(raw);
            if (type != TarConstants.LF_NORMAL && entry.getSize() != 0) {
                throw UnsafeArchiveException.entry(raw, "is a " + (type == TarConstants.LF_DIR ? "directory" : "link")
                        + " but declares " + entry.getSize() + " bytes of content");
            }
            if (name.isEmpty()) {
                if (type != TarConstants.LF_DIR) {
                    throw UnsafeArchiveException.entry(raw, "names the destination itself but is not a directory");
                }
                continue;
            }
            int mode = entry.getMode() & 0777;
            switch (type) {
                case TarConstants.LF_DIR -> {
                    budget.directory(name);
                    visitor.directory(name, mode);
                }
                case TarConstants.LF_SYMLINK -> {
                    if (entry.getLinkName().length() > MAX_LINK_TARGET) {
                        throw UnsafeArchiveException.entry(raw, "is a link with an implausibly long target");
                    }
                    budget.file(name, 0);
                    visitor.link(name, entry.getLinkName());
                }
                default -> {
                    budget.file(name, entry.getSize());
                    try (ExactLength content = new ExactLength(tar, raw, entry.getSize(), deadline)) {
                        visitor.file(name, mode, entry.getSize(), content);
                        content.drain();
                    }
                }
            }
        }
    }

    private static TarArchiveEntry next(TarArchiveInputStream tar) throws IOException {
        try {
            return tar.getNextEntry();
        } catch (IOException e) {
            throw damaged(e);
        }
    }

    /**
     * The archive's own damage (a bad header, broken gzip data) as a refusal of the archive; the
     * payload's own failures (its hash, the deadline) as they are.
     */
    static IOException damaged(IOException e) {
        if (passesThrough(e)) {
            return e;
        }
        return new UnsafeArchiveException("the archive is damaged: " + e.getMessage(), e);
    }

    /** The same, while the content of the entry {@code name} is read. */
    private static IOException damaged(IOException e, String name) {
        if (passesThrough(e)) {
            return e;
        }
        return new UnsafeArchiveException("archive entry " + ShownText.quoted(name) + " is truncated or damaged: "
                + e.getMessage(), e);
    }

    private static boolean passesThrough(IOException e) {
        return e instanceof UnsafeArchiveException || e instanceof PayloadVerificationException
                || e instanceof Deadline.TimeoutExceededException;
    }

    /**
     * {@link TarConstants#LF_NORMAL}, {@link TarConstants#LF_DIR} or {@link TarConstants#LF_SYMLINK},
     * by the entry's type flag; every other type is refused here, before any content is read.
     */
    private static byte kind(String raw, TarArchiveEntry entry) throws UnsafeArchiveException {
        byte flag = entry.getLinkFlag();
        if (entry.isCharacterDevice()) {
            throw UnsafeArchiveException.entry(raw, "is a character device; devices and FIFOs are not unpacked");
        }
        if (entry.isBlockDevice()) {
            throw UnsafeArchiveException.entry(raw, "is a block device; devices and FIFOs are not unpacked");
        }
        if (entry.isFIFO()) {
            throw UnsafeArchiveException.entry(raw, "is a FIFO; devices and FIFOs are not unpacked");
        }
        if (flag == TarConstants.LF_LINK) {
            throw UnsafeArchiveException.entry(raw, "is a hard link; hard links are not unpacked");
        }
        if (flag == TarConstants.LF_SYMLINK) {
            return TarConstants.LF_SYMLINK;
        }
        if (flag == TarConstants.LF_DIR) {
            return TarConstants.LF_DIR;
        }
        if (flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM || flag == TarConstants.LF_CONTIG) {
            // Old archives mark a directory by a trailing slash on a regular entry.
            return raw.endsWith("/") ? TarConstants.LF_DIR : TarConstants.LF_NORMAL;
        }
        throw UnsafeArchiveException.entry(raw, "has the tar type '" + printable(flag) + "'; only files, directories "
                + "and symbolic links are unpacked");
    }

    private static void refuseSparse(String raw, TarArchiveEntry entry) throws UnsafeArchiveException {
        boolean sparse = entry.isSparse() || entry.isOldGNUSparse() || entry.isPaxGNUSparse()
                || entry.isPaxGNU1XSparse() || entry.isStarSparse()
                || entry.getLinkFlag() == TarConstants.LF_GNUTYPE_SPARSE
                || entry.getRealSize() != entry.getSize() && entry.getRealSize() != 0;
        for (Map.Entry<String, String> header : entry.getExtraPaxHeaders().entrySet()) {
            sparse |= header.getKey().startsWith("GNU.sparse.") || header.getKey().equals("SCHILY.filetype")
                    && header.getValue().contains("sparse");
        }
        if (sparse) {
            throw UnsafeArchiveException.entry(raw, "is a sparse file; sparse files are not unpacked (their "
                    + "headers hide how much they unpack to)");
        }
    }

    private static String printable(byte flag) {
        return flag >= 0x21 && flag <= 0x7e ? String.valueOf((char) flag) : String.format("\\x%02X", flag & 0xFF);
    }

    /**
     * A tar entry's content, held to the size its header declares: fewer bytes (a truncated archive)
     * are refused at its end.
     */
    private static final class ExactLength extends InputStream {

        private final InputStream in;
        private final String name;
        private final long size;
        private final Deadline deadline;
        private long read;

        ExactLength(InputStream in, String name, long size, Deadline deadline) {
            this.in = in;
            this.name = name;
            this.size = size;
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (read == size) {
                return -1;
            }
            int n;
            try {
                n = in.read(buffer, offset, (int) Math.min(length, size - read));
            } catch (IOException e) {
                throw damaged(e, name);
            }
            if (n < 0) {
                throw UnsafeArchiveException.entry(name, "ends after " + read + " bytes, but its header declares "
                        + size);
            }
            read += n;
            return n;
        }

        /** Reads what the visitor left, so every declared byte is there. */
        void drain() throws IOException {
            byte[] buffer = new byte[64 * 1024];
            for (int n = read(buffer, 0, buffer.length); n >= 0; n = read(buffer, 0, buffer.length)) {
                deadline.check();
            }
        }

        @Override
        public void close() {
            // The tar stream goes on with the next entry.
        }
    }
}
