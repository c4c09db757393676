package org.suptools.model.archive;

import static org.suptools.model.InvalidPackageException.Reason.COMPRESSION_RATIO;
import static org.suptools.model.InvalidPackageException.Reason.HASH_MISMATCH;
import static org.suptools.model.InvalidPackageException.Reason.PAYLOAD_TOO_LONG;
import static org.suptools.model.InvalidPackageException.Reason.SIZE_MISMATCH;
import static org.suptools.model.InvalidPackageException.Reason.TRUNCATED;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.zip.ZipException;
import org.apache.commons.compress.utils.InputStreamStatistics;
import org.suptools.model.InvalidPackageException;
import org.suptools.model.InvalidPackageException.Reason;
import org.suptools.model.manifest.PayloadFile;

/**
 * Yields a payload entry's bytes up to the size the manifest declares and no further. Before it
 * hands out the last of them it checks that the entry ends there and that the SHA-256 matches,
 * so a reader that received every declared byte without an exception has verified content.
 * It also refuses a decompression ratio above the limit as the bytes come.
 */
final class VerifyingPayloadStream extends InputStream {

    private final InputStream in;
    private final InputStreamStatistics statistics;
    private final PayloadFile declared;
    private final ArchiveLimits limits;
    private final String where;
    private final MessageDigest digest = Sha256.newDigest();
    private long delivered;
    private boolean verified;
    private PayloadVerificationException failure;
    /** The buffer {@link #nextChunk} fills from an entry that cannot lend its own; made on first use. */
    private byte[] own;

    /**
     * @param in    the entry's decompressed bytes
     * @param where the archive file, for messages
     */
    VerifyingPayloadStream(InputStream in, PayloadFile declared, ArchiveLimits limits, String where) {
        this.in = in;
        this.statistics = in instanceof InputStreamStatistics s ? s : null;
        this.declared = declared;
        this.limits = limits;
        this.where = where;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (endChecked()) {
            return -1;
        }
        if (length == 0) {
            return 0;
        }
        int n = underlying(buffer, offset, (int) Math.min(length, declared.size() - delivered));
        if (n < 0) {
            throw endedEarly();
        }
        digest.update(buffer, offset, n);
        counted(n);
        return n;
    }

    /**
     * The next of the declared bytes as a buffer, or null once every one was handed out and
     * checked; hashed and checked as {@link #read} does. The buffer is lent without a copy when
     * the entry's stream can ({@link ChunkedInput}: a STORED entry read by {@link SequentialRead}),
     * else filled from it; either way it is the caller's until its next read of this stream.
     */
    ByteBuffer nextChunk() throws IOException {
        if (endChecked()) {
            return null;
        }
        ByteBuffer chunk = underlyingChunk((int) Math.min(Sha256.BUFFER_SIZE, declared.size() - delivered));
        if (chunk == null) {
            throw endedEarly();
        }
        int n = chunk.remaining();
        digest.update(chunk.duplicate());
        counted(n);
        return chunk;
    }

    /** Throws the failure already found; true once every declared byte was delivered and checked. */
    private boolean endChecked() throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (delivered == declared.size()) {
            verifyEnd();
            return true;
        }
        return false;
    }

    /** Counts {@code n} more bytes delivered: checks the ratio so far, and the end once all are. */
    private void counted(int n) throws IOException {
        delivered += n;
        if (statistics != null
                && limits.ratioExceeded(statistics.getUncompressedCount(), statistics.getCompressedCount())) {
            throw fail(COMPRESSION_RATIO, "decompresses " + statistics.getCompressedCount() + " bytes into "
                    + statistics.getUncompressedCount() + ", above the ratio limit of "
                    + limits.maxCompressionRatio());
        }
        if (delivered == declared.size()) {
            verifyEnd();
        }
    }

    private PayloadVerificationException endedEarly() {
        return fail(SIZE_MISMATCH, "ends after " + delivered + " bytes, but the manifest declares " + declared.size());
    }

    private void verifyEnd() throws IOException {
        if (verified) {
            return;
        }
        if (underlyingHasMore()) {
            throw fail(PAYLOAD_TOO_LONG, "holds more than the " + declared.size() + " bytes the manifest declares");
        }
        String actual = Sha256.hex(digest.digest());
        if (!actual.equals(declared.sha256())) {
            throw fail(HASH_MISMATCH, "has SHA-256 " + actual + ", but the manifest declares " + declared.sha256());
        }
        verified = true;
    }

    /** Reads from the entry; corrupt compressed data is a damaged package, not an I/O error. */
    private int underlying(byte[] buffer, int offset, int length) throws IOException {
        try {
            return in.read(buffer, offset, length);
        } catch (ZipException | EOFException e) {
            throw fail(TRUNCATED, "is damaged: " + e.getMessage());
        }
    }

    /** Up to {@code maxLength} next bytes of the entry, lent by it or read into this stream's buffer; null at its end. */
    private ByteBuffer underlyingChunk(int maxLength) throws IOException {
        if (in instanceof ChunkedInput chunked) {
            return chunked.nextChunk(maxLength);
        }
        if (own == null) {
            // No larger than the payload: a package may hold many small ones, each with a stream of its own.
            own = new byte[(int) Math.min(Sha256.BUFFER_SIZE, Math.max(1, declared.size()))];
        }
        int n = underlying(own, 0, Math.min(maxLength, own.length));
        return n < 0 ? null : ByteBuffer.wrap(own, 0, n);
    }

    private boolean underlyingHasMore() throws IOException {
        try {
            return in.read() >= 0;
        } catch (ZipException | EOFException e) {
            throw fail(TRUNCATED, "is damaged: " + e.getMessage());
        }
    }

    private PayloadVerificationException fail(Reason reason, String what) {
        failure = new PayloadVerificationException(new InvalidPackageException(reason,
                where + ": entry " + EntryNames.quoted(declared.path()) + " " + what));
        return failure;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
