package org.suptools.model.archive;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.suptools.model.manifest.PayloadFile;

/**
 * Supplies the final {@code manifest.json} and {@code signatures.json} once the payloads are
 * written and hashed, for {@link SupWriter#write(java.nio.file.Path, byte[], Optional, List,
 * ArchiveOptions, ProgressListener, MetadataFinisher)}. The writer has already written
 * placeholders in their place, so the final bytes must have exactly the placeholders' lengths.
 */
@FunctionalInterface
public interface MetadataFinisher {

    /**
     * The final metadata for the payloads as written.
     *
     * @param payloads every payload, in the order the writer was given them, with its entry
     *                 name, the number of bytes written and their SHA-256
     * @throws IOException to abort the archive, for instance because a payload was not what the
     *                     placeholder manifest promised
     */
    Metadata finish(List<PayloadFile> payloads) throws IOException;

    /**
     * The final bytes of the metadata entries.
     *
     * @param manifestJson   the exact bytes of {@code manifest.json}
     * @param signaturesJson the exact bytes of {@code signatures.json}; present exactly when its
     *                       placeholder was
     */
    record Metadata(byte[] manifestJson, Optional<byte[]> signaturesJson) {

        public Metadata {
            Objects.requireNonNull(manifestJson, "manifestJson");
            Objects.requireNonNull(signaturesJson, "signaturesJson");
        }
    }
}
