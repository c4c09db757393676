package org.suptools.agent.download;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The chunk checks of one package download, across its attempts and restarts
 * ({@link ChunkArrivalCheck}): which chunks arrived damaged, and whether to fetch one again. A
 * chunk is fetched again the first time it arrives damaged; one that arrives with the same wrong
 * SHA-256 twice is wrong in the file itself, not on the way, so it is kept and the checks end for
 * this download: the download's own check and the installer decide. One instance per download,
 * used by one thread.
 */
public final class ChunkChecks {

    private static final int BUFFER = 64 * 1024;

    /** Another reader of the bytes a resume reads again, such as a CRC-32's {@code update}. */
    @FunctionalInterface
    public interface AlsoRead {
        AlsoRead NOTHING = (bytes, offset, length) -> { };

        void update(byte[] bytes, int offset, int length);
    }

    private final Set<DamagedChunk> met = new HashSet<>();
    private boolean ended;
    private ChunkArrivalCheck check = new ChunkArrivalCheck();

    /** Checks again from the file's first byte: the part was emptied. */
    public void restart() {
        check = ended ? ChunkArrivalCheck.ended() : new ChunkArrivalCheck();
    }

    /**
     * Checks again from the first byte, reading the first {@code length} bytes of {@code part}
     * (what an earlier attempt or run left) into the check and into {@code alsoTo}.
     *
     * @return where the part's good bytes end: {@code length}, or the first byte of a damaged
     *     chunk among them, to be cut off and fetched again
     */
    public long resume(FileChannel part, long length, AlsoRead alsoTo) throws IOException {
        restart();
        long goodUpTo = length;
        byte[] buffer = new byte[BUFFER];
        for (long position = 0; position < length; ) {
            int n = part.read(ByteBuffer.wrap(buffer, 0, (int) Math.min(BUFFER, length - position)), position);
            if (n < 0) {
                break;
            }
            alsoTo.update(buffer, 0, n);
            if (goodUpTo == length) {
                goodUpTo = damagedChunk(buffer, n).map(DamagedChunk::start).orElse(length);
            }
            position += n;
        }
        return goodUpTo;
    }

    /** {@link #resume(FileChannel, long, AlsoRead)} without another reader of the bytes. */
    public long resume(FileChannel part, long length) throws IOException {
        return resume(part, length, AlsoRead.NOTHING);
    }

    /**
     * Takes the next {@code length} bytes that arrived.
     *
     * @return a chunk they complete that arrived damaged and is to be fetched again from its first byte
     */
    public Optional<DamagedChunk> arrived(byte[] bytes, int length) {
        return damagedChunk(bytes, length);
    }

    private Optional<DamagedChunk> damagedChunk(byte[] bytes, int length) {
        Optional<DamagedChunk> bad = check.accept(bytes, 0, length);
        if (bad.isEmpty() || met.add(bad.get())) {
            return bad;
        }
        ended = true;
        return Optional.empty();
    }
}
