package org.suptools.installer.verify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.suptools.installer.RefusedException;
import org.suptools.installer.api.InstallError;
import org.suptools.installer.api.event.PackageInfo;
import org.suptools.installer.config.GatewayConfig;
import org.suptools.installer.config.GatewayIdentity;
import org.suptools.installer.state.InstalledPackage;
import org.suptools.installer.state.Inventory;
import org.suptools.model.InvalidPackageException;
import org.suptools.model.archive.ArchiveLimits;
import org.suptools.model.archive.PayloadSink;
import org.suptools.model.archive.ProgressListener;
import org.suptools.model.archive.SupArchive;
import org.suptools.model.gateway.Applicability;
import org.suptools.model.manifest.Manifest;
import org.suptools.model.packaging.PackageVerifier;
import org.suptools.model.packaging.PackageVerifier.SignedManifest;
import org.suptools.model.packaging.VerifyOptions;
import org.suptools.model.signing.KeyFileException;
import org.suptools.model.signing.TrustStore;

/**
 * Everything checked before the plan, cheapest first: the archive's structure, the signatures
 * against the gateway's trust store and threshold (or integrity only, when the gateway allows
 * unsigned packages), expiry, the payload list, then one read of the whole file that checks every
 * payload's size and SHA-256 (handing each to a {@link PayloadSink} as it goes) and hashes the
 * file itself for the reports, then the target (product, OS, architecture, runtime version), the
 * requirements on installed packages, and no downgrade below the installed version unless the
 * package allows it.
 */
public final class PackageCheck {

    /** Chooses, once the manifest is authenticated, what receives the payloads as they are verified. */
    @FunctionalInterface
    public interface PayloadSinks {

        /** Receives nothing: the payloads are only checked. */
        PayloadSinks CHECK_ONLY = manifest -> PayloadSink.CHECK_ONLY;

        PayloadSink forManifest(Manifest manifest) throws IOException;
    }

    private final GatewayConfig config;

    public PackageCheck(GatewayConfig config) {
        this.config = config;
    }

    /**
     * @param identity  the gateway as it is now (the runtime version a firmware update installed wins)
     * @param info      the package's file name (its SHA-256 comes from the read that checks the payloads)
     * @param sinks     what receives each payload as it is checked
     * @return the open, verified package, with the file's SHA-256; the caller closes it
     */
    public VerifiedInstall verify(Path file, PackageInfo info, GatewayIdentity identity, Inventory inventory,
            Instant now, ProgressListener progress, PayloadSinks sinks) throws RefusedException, IOException {
        VerifyOptions options = new VerifyOptions(trustStore(), config.threshold(), config.allowUnsigned(), now,
                ArchiveLimits.DEFAULTS);
        SupArchive archive;
        try {
            archive = SupArchive.open(file, options.limits());
        } catch (InvalidPackageException e) {
            throw new RefusedException(errorOf(e.reason()), e.getMessage(), e);
        }
        try {
            SignedManifest signed = new PackageVerifier(options).readSigned(archive, file);
            Manifest manifest = signed.manifest();
            archive.checkContents(manifest.payloads());
            String sha256 = archive.readThrough(manifest.payloads(), sinks.forManifest(manifest), progress);
            PackageInfo verified = new PackageInfo(Optional.of(manifest.name()), Optional.of(manifest.version().toString()),
                    info.fileName(), sha256, signed.trustedSigners());
            checkApplies(manifest, identity, inventory);
            checkVersion(manifest, inventory);
            return new VerifiedInstall(archive, manifest, verified);
        } catch (InvalidPackageException e) {
            close(archive, e);
            throw new RefusedException(errorOf(e.reason()), e.getMessage(), e);
        } catch (RefusedException | IOException | RuntimeException e) {
            close(archive, e);
            throw e;
        }
    }

    private Optional<TrustStore> trustStore() throws RefusedException {
        if (config.trustStore().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(TrustStore.load(config.trustStore().get()));
        } catch (KeyFileException e) {
            throw new RefusedException(InstallError.UNTRUSTED, "the gateway's trust store cannot be read: "
                    + e.getMessage(), e);
        }
    }

    private static void checkApplies(Manifest manifest, GatewayIdentity identity, Inventory inventory)
            throws RefusedException {
        Applicability applicability = Applicability.of(manifest.targets(), manifest.requires(), identity.profile(),
                inventory.versions());
        if (!applicability.targetMatches()) {
            throw new RefusedException(InstallError.TARGET_MISMATCH, applicability.targetRefusal());
        }
        if (!applicability.requirementsMet()) {
            throw new RefusedException(InstallError.REQUIREMENT_NOT_MET, applicability.unmetRequirements());
        }
    }

    private static void checkVersion(Manifest manifest, Inventory inventory) throws RefusedException {
        Optional<InstalledPackage> installed = inventory.installed(manifest.name());
        if (installed.isPresent() && manifest.version().compareTo(installed.get().version()) < 0
                && !manifest.allowDowngrade()) {
            throw new RefusedException(InstallError.DOWNGRADE, manifest.name() + " " + installed.get().version()
                    + " is installed; " + manifest.version() + " would be a downgrade, which the package does not allow "
                    + "(allowDowngrade)");
        }
    }

    private static void close(SupArchive archive, Exception failure) {
        try {
            archive.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** Refuses a missing or unreadable package file up front. */
    public static void requireReadable(Path file) throws RefusedException {
        if (!Files.isRegularFile(file)) {
            throw new RefusedException(InstallError.PACKAGE_NOT_FOUND, file + ": no such package file");
        }
        if (!Files.isReadable(file)) {
            throw new RefusedException(InstallError.PACKAGE_NOT_FOUND, file + ": cannot be read");
        }
    }

    /** The install error for a package that failed verification, by the model's reason. */
    static InstallError errorOf(InvalidPackageException.Reason reason) {
        return switch (reason) {
            case BAD_SIGNATURE, UNTRUSTED_SIGNER, UNSIGNED, THRESHOLD_NOT_MET -> InstallError.UNTRUSTED;
            case EXPIRED -> InstallError.EXPIRED;
            default -> InstallError.VERIFICATION_FAILED;
        };
    }
}
