package org.suptools.portal.console;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.suptools.model.InvalidPackageException;
import org.suptools.model.archive.SupArchive;
import org.suptools.model.manifest.Manifest;
import org.suptools.model.manifest.ManifestCodec;
import org.suptools.model.signing.PackageSignature;
import org.suptools.model.signing.SignatureSet;

/**
 * What the Developer Files page shows of a stored {@code .sup}: read from its manifest and signature entry
 * (the archive's directory and two small entries, never the payloads).
 *
 * @param name the package's name
 * @param version its version
 * @param signers the key ids of its signatures, in the package's order (empty: unsigned)
 */
record SupFacts(String name, String version, List<String> signers) {

    SupFacts {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        signers = List.copyOf(signers);
    }

    /**
     * Reads the facts of the .sup at {@code bytes}.
     *
     * @throws IllegalArgumentException naming {@code fileName} when it is not a readable .sup
     */
    static SupFacts read(Path bytes, String fileName) {
        try (SupArchive archive = SupArchive.open(bytes)) {
            Manifest manifest = ManifestCodec.parse(archive.manifestBytes(), fileName);
            Optional<byte[]> signatures = archive.signatureBytes();
            List<String> signers = signatures.isEmpty() ? List.of()
                    : SignatureSet.parse(signatures.get(), fileName).signatures().stream()
                            .map(PackageSignature::keyId).toList();
            return new SupFacts(manifest.name(), manifest.version().toString(), signers);
        } catch (InvalidPackageException e) {
            throw new IllegalArgumentException(fileName + ": not a readable .sup: " + oneLine(e.getMessage()));
        } catch (IOException e) {
            throw new IllegalArgumentException(fileName + ": cannot be read: " + oneLine(e.getMessage()));
        }
    }

    private static String oneLine(String message) {
        return message == null ? "no detail" : message.replaceAll("\\s*\\R\\s*", " ");
    }
}
