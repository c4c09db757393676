package org.suptools.model.archive;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.apache.commons.compress.utils.InputStreamStatistics;

/**
 * A DEFLATED entry's raw data inflated, counting what goes in and comes out so that the
 * compression ratio can be enforced as the bytes come. The one zero byte after the data is what
 * a raw ("nowrap") inflater may need to see the end of the stream, as the JDK's and Commons
 * Compress's own ZIP readers add it.
 */
final class RawInflatingStream extends InflaterInputStream implements InputStreamStatistics {

    private static final int BUFFER = 64 * 1024;

    RawInflatingStream(InputStream raw) {
        super(new SequenceInputStream(raw, new ByteArrayInputStream(new byte[1])), new Inflater(true), BUFFER);
    }

    @Override
    public long getCompressedCount() {
        return inf.getBytesRead();
    }

    @Override
    public long getUncompressedCount() {
        return inf.getBytesWritten();
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            inf.end();
        }
    }
}
