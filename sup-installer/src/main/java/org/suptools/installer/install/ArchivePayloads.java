package org.suptools.installer.install;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import org.suptools.installer.exec.Payloads;
import org.suptools.model.InvalidPackageException;
import org.suptools.model.archive.SupArchive;
import org.suptools.model.manifest.Manifest;
import org.suptools.model.manifest.PayloadFile;

/**
 * The payloads of the open, verified package: each stream checks size and hash again as it is
 * read; the payloads staged while the package was verified are offered for a rename instead.
 */
final class ArchivePayloads implements Payloads {

    private final SupArchive archive;
    private final Manifest manifest;
    private final PayloadStaging staging;

    ArchivePayloads(SupArchive archive, Manifest manifest, PayloadStaging staging) {
        this.archive = archive;
        this.manifest = manifest;
        this.staging = staging;
    }

    @Override
    public Optional<Path> staged(String name) {
        return staging.staged(name);
    }

    @Override
    public PayloadFile declared(String name) throws IOException {
        return manifest.payload(name).orElseThrow(() -> new IOException("no payload '" + name + "' in the package"));
    }

    @Override
    public InputStream open(String name) throws IOException {
        try {
            return archive.openPayload(declared(name));
        } catch (InvalidPackageException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
