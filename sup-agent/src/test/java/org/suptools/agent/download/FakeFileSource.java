package org.suptools.agent.download;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.IntFunction;

/**
 * A file endpoint in memory that serves one file and can be told, per request, to answer with a
 * status, to break off after some bytes, to end early, to ignore the range, or to damage a byte. It counts what it
 * sends, as a test of "less than 1.1x the file's bytes crossed the wire" needs. Its file has an
 * ETag and can be replaced; an {@code If-Range} that is not the current tag gets the whole file.
 */
class FakeFileSource implements FileSource {

    /** What the n-th request (0-based) gets. */
    record Behaviour(int status, long breakAfter, boolean endEarly, boolean ignoreRange, long damageAt) {
        static Behaviour normal() {
            return new Behaviour(0, -1, false, false, -1);
        }

        static Behaviour status(int status) {
            return new Behaviour(status, -1, false, false, -1);
        }

        static Behaviour breakAfter(long bytes) {
            return new Behaviour(0, bytes, false, false, -1);
        }

        static Behaviour endEarlyAfter(long bytes) {
            return new Behaviour(0, bytes, true, false, -1);
        }

        static Behaviour ignoringRange() {
            return new Behaviour(0, -1, false, true, -1);
        }

        /** Sends the byte at {@code offset} of the file changed, as a faulty link might. */
        static Behaviour damagingTheByteAt(long offset) {
            return new Behaviour(0, -1, false, false, offset);
        }
    }

    byte[] content;
    Optional<String> tag = Optional.of("\"v1\"");
    final IntFunction<Behaviour> behaviour;
    final List<Long> offsets = new ArrayList<>();
    final List<String> fileIds = new ArrayList<>();
    final List<Optional<String>> ifRanges = new ArrayList<>();
    long bytesSent;

    FakeFileSource(byte[] content, IntFunction<Behaviour> behaviour) {
        this.content = content;
        this.behaviour = behaviour;
    }

    /** A new upload: other bytes under another tag. */
    void replace(byte[] newContent, String newTag) {
        content = newContent;
        tag = Optional.of(newTag);
    }

    @Override
    public Fetch open(String fileId, long offset, Optional<String> ifRange) {
        Behaviour how = behaviour.apply(offsets.size());
        offsets.add(offset);
        fileIds.add(fileId);
        ifRanges.add(ifRange);
        if (how.status() != 0) {
            return new Fetch(how.status(), 0, OptionalLong.empty(), Optional.empty(), InputStream.nullInputStream());
        }
        boolean stale = ifRange.isPresent() && !ifRange.equals(tag);
        long start = how.ignoreRange() || stale ? 0 : offset;
        byte[] content = this.content;
        int status = start == 0 ? 200 : 206;
        long end = how.breakAfter() < 0 ? content.length : Math.min(content.length, start + how.breakAfter());
        byte[] sent = content;
        if (how.damageAt() >= start && how.damageAt() < end) {
            sent = content.clone();
            sent[(int) how.damageAt()] ^= 0x5A;
        }
        InputStream data = new ByteArrayInputStream(sent, (int) start, (int) (end - start));
        InputStream body = new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = data.read(b, off, Math.min(len, 4096));
                if (n < 0 && how.breakAfter() >= 0 && !how.endEarly() && end < content.length) {
                    throw new IOException("connection reset");
                }
                if (n > 0) {
                    bytesSent += n;
                }
                return n;
            }
        };
        return new Fetch(status, start, OptionalLong.of(content.length), tag, body);
    }
}
