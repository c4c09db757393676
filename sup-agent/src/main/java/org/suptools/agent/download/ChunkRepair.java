package org.suptools.agent.download;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Where a download that failed its whole-file check (the CRC-32 or SHA-256 it was announced) can
 * go on from: the first byte of the first chunk of a payload that does not match its chunk index
 * ({@link ChunkScan}). Everything before that chunk matched, so the download is cut there and
 * fetched again from it, instead of failing.
 *
 * <p>The chunks are hashed only then, not as the package arrives: this agent runs with the quick
 * compiler only, where SHA-256 has no intrinsic, and hashing every chunk on arrival made a 1 GiB
 * download over loopback 7.6 s longer (docs/performance.md). A download that passes its check
 * costs nothing more.
 *
 * <p>One instance per download, across its attempts: a chunk found damaged the same way twice is
 * wrong in the file itself, not on the way, and then there is nothing to repair.
 */
public final class ChunkRepair {

    private static final int BUFFER = 64 * 1024;

    private final Set<DamagedChunk> found = new HashSet<>();

    /**
     * Scans the first {@code length} bytes of {@code part}, a whole download that failed its
     * check, and when it finds a damaged chunk, cuts the part before it and forces the cut to the
     * disk; the caller records the part's new length.
     *
     * @return the damaged chunk; empty when there is none, when the package has no usable index,
     *     or when the same damage was found before (the part is then left as it is)
     */
    public Optional<DamagedChunk> cutBeforeDamage(FileChannel part, long length) throws IOException {
        Optional<DamagedChunk> damaged = damagedChunk(part, length);
        if (damaged.isPresent()) {
            part.truncate(damaged.get().start());
            part.force(false);
        }
        return damaged;
    }

    private Optional<DamagedChunk> damagedChunk(FileChannel part, long length) throws IOException {
        ChunkScan scan = new ChunkScan();
        byte[] buffer = new byte[BUFFER];
        for (long position = 0; position < length && scan.following(); ) {
            int n = part.read(ByteBuffer.wrap(buffer, 0, (int) Math.min(BUFFER, length - position)), position);
            if (n < 0) {
                break;
            }
            Optional<DamagedChunk> damaged = scan.accept(buffer, 0, n);
            if (damaged.isPresent()) {
                return found.add(damaged.get()) ? damaged : Optional.empty();
            }
            position += n;
        }
        return Optional.empty();
    }
}
