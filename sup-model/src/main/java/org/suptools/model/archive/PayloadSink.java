package org.suptools.model.archive;

import java.io.IOException;
import org.suptools.model.manifest.PayloadFile;

/**
 * Receives each payload while {@link SupArchive#readThrough} reads the package once: exactly the
 * declared bytes, which fail at their end when the size or hash differs. What the sink does not
 * read is read (and checked) after it returns; on an exception it must discard what it made of
 * the content.
 */
@FunctionalInterface
public interface PayloadSink {

    /** Reads nothing itself: the payloads are only checked. */
    PayloadSink CHECK_ONLY = (payload, content) -> { };

    void accept(PayloadFile payload, PayloadContent content) throws IOException;
}
