package org.suptools.model.packaging;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.suptools.model.InvalidPackageException;
import org.suptools.model.InvalidPackageException.Reason;
import org.suptools.model.archive.ProgressListener;
import org.suptools.model.archive.SupArchive;
import org.suptools.model.manifest.Manifest;
import org.suptools.model.manifest.ManifestCodec;
import org.suptools.model.signing.SignatureSet;
import org.suptools.model.signing.SignatureVerifier;
import org.suptools.model.signing.VerifiedSigners;

/**
 * The full check of a {@code .sup}, cheapest and most telling first, so that nothing of an
 * untrusted package is used before it is known good: archive structure and entry names, the
 * manifest, the signatures over the manifest's bytes, expiry, the entry list against the
 * manifest, and last the payload bytes, streamed and hashed in constant memory.
 */
public final class PackageVerifier {

    private final VerifyOptions options;

    public PackageVerifier(VerifyOptions options) {
        this.options = options;
    }

    public VerifiedPackage verify(Path file, ProgressListener progress) throws InvalidPackageException, IOException {
        try (SupArchive archive = SupArchive.open(file, options.limits())) {
            SignedManifest signed = readSigned(archive, file);
            archive.checkContents(signed.manifest().payloads());
            archive.verifyPayloads(signed.manifest().payloads(), progress);
            return new VerifiedPackage(file, signed.manifest(), signed.signatures(), signed.trustedSigners());
        }
    }

    /**
     * Reads and authenticates the manifest of an open archive and checks its expiry: everything but
     * the payload bytes.
     * The installer uses this, then streams each payload through {@link SupArchive#openPayload}.
     */
    public SignedManifest readSigned(SupArchive archive, Path file) throws InvalidPackageException {
        String source = file.toString();
        byte[] manifestBytes = archive.manifestBytes();
        Manifest manifest = ManifestCodec.parse(manifestBytes, source);
        SignatureSet signatures = archive.signatureBytes().isPresent()
                ? SignatureSet.parse(archive.signatureBytes().get(), source + ": signatures.json")
                : SignatureSet.empty();
        List<String> trusted = List.of();
        if (options.trust().isPresent()) {
            VerifiedSigners signers = SignatureVerifier.verify(manifestBytes, signatures, options.trust().get(),
                    options.threshold());
            trusted = signers.trustedKeyIds();
        } else if (!options.allowUnsigned() && signatures.isEmpty()) {
            throw new InvalidPackageException(Reason.UNSIGNED, source + ": the package is not signed");
        }
        checkExpiry(manifest, file);
        return new SignedManifest(manifest, signatures, trusted);
    }

    private void checkExpiry(Manifest manifest, Path file) throws InvalidPackageException {
        if (manifest.isExpiredAt(options.now())) {
            throw new InvalidPackageException(Reason.EXPIRED, file + ": the package expired at "
                    + manifest.expires().orElseThrow() + " and must not be installed any more");
        }
    }

    /** A manifest whose signatures have been checked, with the trusted signers' key ids. */
    public record SignedManifest(Manifest manifest, SignatureSet signatures, List<String> trustedSigners) {
    }
}
