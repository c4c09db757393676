package org.suptools.agent.download;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.OptionalLong;

/** Where a package's bytes come from: the portal's file endpoint ({@link HttpFileSource}), or a test's. */
public interface FileSource {

    /**
     * Asks for the file from {@code offset} on ({@code Range: bytes=offset-} when it is not 0), and
     * only if its bytes are still those tagged {@code ifRange} ({@code If-Range}; a 200 with the
     * whole file otherwise).
     *
     * @throws IOException when no answer came at all
     */
    Fetch open(String fileId, long offset, Optional<String> ifRange) throws IOException;

    /**
     * The answer: its HTTP status, where its body starts in the file (0 for a 200, the
     * Content-Range start for a 206), the whole file's size when the answer says it, the strong
     * {@code ETag} of the bytes when it names one, and the body.
     */
    record Fetch(int status, long start, OptionalLong total, Optional<String> tag, InputStream body)
            implements Closeable {

        @Override
        public void close() throws IOException {
            body.close();
        }
    }
}
