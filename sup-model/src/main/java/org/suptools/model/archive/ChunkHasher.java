package org.suptools.model.archive;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/** Computes the SHA-256 of each {@code chunkSize} bytes of what it is given, for a {@link ChunkIndex}. */
final class ChunkHasher {

    private final long chunkSize;
    private final MessageDigest digest = Sha256.newDigest();
    private final List<String> digests = new ArrayList<>();
    private long inChunk;

    ChunkHasher(long chunkSize) {
        this.chunkSize = chunkSize;
    }

    /** Hashes the buffer's remaining bytes, which it consumes. */
    void update(ByteBuffer bytes) {
        while (bytes.hasRemaining()) {
            int n = (int) Math.min(bytes.remaining(), chunkSize - inChunk);
            ByteBuffer part = bytes.slice(bytes.position(), n);
            digest.update(part);
            bytes.position(bytes.position() + n);
            inChunk += n;
            if (inChunk == chunkSize) {
                endChunk();
            }
        }
    }

    /** The digests of every chunk, the last one however short. */
    List<String> finish() {
        if (inChunk > 0) {
            endChunk();
        }
        return List.copyOf(digests);
    }

    private void endChunk() {
        digests.add(Sha256.hex(digest.digest()));
        inChunk = 0;
    }
}
