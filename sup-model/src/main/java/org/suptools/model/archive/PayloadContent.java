package org.suptools.model.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One payload as {@link SupArchive#readThrough} hands it to a {@link PayloadSink}: exactly the
 * declared bytes, failing with an {@code IOException} before the last of them when the size or
 * the SHA-256 differs. Read it as a stream, or chunk by chunk with {@link #nextChunk}, which for
 * a STORED payload lends the buffers the file was read into: a sink that hashes nothing more and
 * writes each chunk to a channel then copies no byte of the payload.
 */
public final class PayloadContent extends InputStream {

    private final VerifyingPayloadStream verifying;
    private final ProgressReporter reporter;

    PayloadContent(VerifyingPayloadStream verifying, ProgressReporter reporter) {
        this.verifying = Objects.requireNonNull(verifying, "verifying");
        this.reporter = Objects.requireNonNull(reporter, "reporter");
    }

    /**
     * The next bytes, read-only, or null once every declared byte was handed out and checked. The
     * buffer is the caller's until its next read of this content; write or copy it before then.
     */
    public ByteBuffer nextChunk() throws IOException {
        ByteBuffer chunk = verifying.nextChunk();
        if (chunk == null) {
            return null;
        }
        reporter.add(chunk.remaining());
        return chunk.asReadOnlyBuffer();
    }

    @Override
    public int read() throws IOException {
        int b = verifying.read();
        if (b >= 0) {
            reporter.add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = verifying.read(buffer, offset, length);
        if (n > 0) {
            reporter.add(n);
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        verifying.close();
    }
}
