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
 *
 * <p>{@link #verify} checks the signatures on a second thread while it reads the payloads (the
 * first verification of a run costs 0.3 to 0.4 s of CPU), and reports what it finds in that same
 * order: a refused signature before an expiry, a missing entry or a bad payload, whichever was
 * found first. Nothing of the package is used by a verify but its bytes' hashes.
 */
public final class PackageVerifier {

    private final VerifyOptions options;

    public PackageVerifier(VerifyOptions options) {
        this.options = options;
    }

    public VerifiedPackage verify(Path file, ProgressListener progress) throws InvalidPackageException, IOException {
        try (SupArchive archive = SupArchive.open(file, options.limits())) {
            if (options.trust().isEmpty()) {
                SignedManifest signed = readSigned(archive, file);
                checkRest(archive, signed.manifest(), file, progress);
                return new VerifiedPackage(file, signed.manifest(), signed.signatures(), signed.trustedSigners());
            }
            ParsedManifest parsed = parse(archive, file);
            ConcurrentSignatureCheck signatureCheck = ConcurrentSignatureCheck.start(parsed.bytes(),
                    parsed.signatures(), options.trust().get(), options.threshold());
            Throwable laterFailure = null;
            try {
                checkRest(archive, parsed.manifest(), file, signatureCheck.stoppingWhenRefused(progress));
            } catch (InvalidPackageException | IOException | RuntimeException | Error e) {
                laterFailure = e;
            }
            // The signatures come first in the order of checks: their refusal wins over whatever
            // the payload pass found.
            VerifiedSigners signers = signatureCheck.await();
            rethrow(laterFailure);
            return new VerifiedPackage(file, parsed.manifest(), parsed.signatures(), signers.trustedKeyIds());
        }
    }

    /** What follows the signatures: expiry, the entry list against the manifest, the payload bytes. */
    private void checkRest(SupArchive archive, Manifest manifest, Path file, ProgressListener progress)
            throws InvalidPackageException, IOException {
        checkExpiry(manifest, file);
        archive.checkContents(manifest.payloads());
        archive.verifyPayloads(manifest.payloads(), progress);
    }

    private static void rethrow(Throwable failure) throws InvalidPackageException, IOException {
        if (failure == null) {
            return;
        }
        if (failure instanceof InvalidPackageException refusal) {
            throw refusal;
        }
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof RuntimeException unexpected) {
            throw unexpected;
        }
        throw (Error) failure;
    }

    private static ParsedManifest parse(SupArchive archive, Path file) throws InvalidPackageException {
        String source = file.toString();
        byte[] manifestBytes = archive.manifestBytes();
        Manifest manifest = ManifestCodec.parse(manifestBytes, source);
        SignatureSet signatures = archive.signatureBytes().isPresent()
                ? SignatureSet.parse(archive.signatureBytes().get(), source + ": signatures.json")
                : SignatureSet.empty();
        return new ParsedManifest(manifestBytes, manifest, signatures);
    }

    /**
     * Reads and authenticates the manifest of an open archive and checks its expiry: everything but
     * the payload bytes.
     * The installer uses this, then streams each payload through {@link SupArchive#openPayload}.
     */
    public SignedManifest readSigned(SupArchive archive, Path file) throws InvalidPackageException {
        ParsedManifest parsed = parse(archive, file);
        List<String> trusted = List.of();
        if (options.trust().isPresent()) {
            VerifiedSigners signers = SignatureVerifier.verify(parsed.bytes(), parsed.signatures(),
                    options.trust().get(), options.threshold());
            trusted = signers.trustedKeyIds();
        } else if (!options.allowUnsigned() && parsed.signatures().isEmpty()) {
            throw new InvalidPackageException(Reason.UNSIGNED, file + ": the package is not signed");
        }
        checkExpiry(parsed.manifest(), file);
        return new SignedManifest(parsed.manifest(), parsed.signatures(), trusted);
    }

    private void checkExpiry(Manifest manifest, Path file) throws InvalidPackageException {
        if (manifest.isExpiredAt(options.now())) {
            throw new InvalidPackageException(Reason.EXPIRED, file + ": the package expired at "
                    + manifest.expires().orElseThrow() + " and must not be installed any more");
        }
    }

    /** A manifest as read and parsed, its signatures not yet checked. */
    private record ParsedManifest(byte[] bytes, Manifest manifest, SignatureSet signatures) {
    }

    /** A manifest whose signatures have been checked, with the trusted signers' key ids. */
    public record SignedManifest(Manifest manifest, SignatureSet signatures, List<String> trustedSigners) {
    }
}
