package org.suptools.cli.packages;

import java.io.IOException;
import java.nio.file.Path;
import org.suptools.model.InvalidPackageException;
import org.suptools.model.archive.SupArchive;
import org.suptools.model.manifest.Manifest;
import org.suptools.model.manifest.ManifestCodec;
import org.suptools.model.signing.SignatureSet;

/**
 * A package read for looking at, trusting nothing: its structure, manifest and signature file
 * are checked and parsed, its entry list is checked against the manifest, but no payload is
 * hashed and no signature verified.
 */
public record OpenedPackage(Path file, byte[] manifestBytes, Manifest manifest, SignatureSet signatures) {

    public static OpenedPackage read(Path file) throws IOException, InvalidPackageException {
        try (SupArchive archive = SupArchive.open(file)) {
            byte[] manifestBytes = archive.manifestBytes();
            Manifest manifest = ManifestCodec.parse(manifestBytes, file.toString());
            SignatureSet signatures = archive.signatureBytes().isPresent()
                    ? SignatureSet.parse(archive.signatureBytes().get(), file + ": signatures.json")
                    : SignatureSet.empty();
            archive.checkContents(manifest.payloads());
            return new OpenedPackage(file, manifestBytes, manifest, signatures);
        } catch (InvalidPackageException e) {
            throw Refusals.naming(file, e);
        }
    }
}
