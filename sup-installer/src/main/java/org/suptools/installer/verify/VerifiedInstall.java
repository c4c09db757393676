package org.suptools.installer.verify;

import java.io.IOException;
import org.suptools.installer.api.event.PackageInfo;
import org.suptools.model.archive.SupArchive;
import org.suptools.model.manifest.Manifest;

/**
 * A package that passed every check before planning: the open archive (payloads are streamed
 * from it while the actions run), its authenticated manifest, and what the reports say about it.
 */
public record VerifiedInstall(SupArchive archive, Manifest manifest, PackageInfo info) implements AutoCloseable {

    @Override
    public void close() throws IOException {
        archive.close();
    }
}
