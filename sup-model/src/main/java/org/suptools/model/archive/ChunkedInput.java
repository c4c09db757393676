package org.suptools.model.archive;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A stream that can also lend its next bytes as they lie in its own buffer, so that a caller
 * which hashes them and writes them to a channel copies nothing (see {@link FileReadAhead}).
 */
interface ChunkedInput {

    /**
     * Up to {@code maxLength} (at least 1) of the next bytes, read-only, or null at the end. The
     * buffer is the caller's until its next read of this input.
     */
    ByteBuffer nextChunk(int maxLength) throws IOException;
}
