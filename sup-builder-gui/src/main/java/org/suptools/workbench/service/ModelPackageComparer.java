package org.suptools.workbench.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.suptools.model.InvalidPackageException;
import org.suptools.model.archive.ProgressListener;
import org.suptools.model.packaging.PackageDiff;
import org.suptools.model.packaging.PackageVerifier;
import org.suptools.model.packaging.VerifiedPackage;
import org.suptools.model.packaging.VerifyOptions;
import org.suptools.model.problem.FileReasons;

/**
 * The model's reader and {@link PackageDiff}, as {@code sup diff} uses them. Unlike {@code sup
 * diff} it also hashes every payload, as the Inspect screen does: the diff shows the manifests'
 * SHA-256 values, and they are only worth showing when the bytes match them.
 */
public final class ModelPackageComparer implements PackageComparer {

    /** Comparing is not installing: an expired package is compared like any other. */
    private static final Instant BEFORE_ANY_EXPIRY = Instant.EPOCH.plusSeconds(1);

    @Override
    public PackageComparison compare(Path a, Path b, ProgressListener progress) throws UnreadablePackageException {
        long sizeA = size(a);
        long sizeB = size(b);
        // Progress over both, in thousandths, each package's share as large as its file.
        double shareA = (double) sizeA / Math.max(1, sizeA + sizeB);
        PackageComparison.Side before = read(a, sizeA, (done, all) -> progress.progress(
                Math.round(1000 * shareA * fraction(done, all)), 1000));
        PackageComparison.Side after = read(b, sizeB, (done, all) -> progress.progress(
                Math.round(1000 * (shareA + (1 - shareA) * fraction(done, all))), 1000));
        return new PackageComparison(before, after, PackageDiff.between(before.manifest(), before.signatures(),
                after.manifest(), after.signatures()));
    }

    private static double fraction(long done, long all) {
        return all <= 0 ? 1 : Math.min(1, (double) done / all);
    }

    private static long size(Path file) throws UnreadablePackageException {
        if (!Files.isRegularFile(file)) {
            throw new UnreadablePackageException(file, file + ": " + FileReasons.whatItIs(file) + ", not a package file",
                    null);
        }
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UnreadablePackageException(file, file + ": " + FileReasons.whyUnreadable(file, e), e);
        }
    }

    private static PackageComparison.Side read(Path file, long size, ProgressListener progress)
            throws UnreadablePackageException {
        try {
            VerifiedPackage read = new PackageVerifier(VerifyOptions.integrityOnly(BEFORE_ANY_EXPIRY))
                    .verify(file, progress);
            return new PackageComparison.Side(file, size, read.manifest(), read.signatures());
        } catch (InvalidPackageException e) {
            throw new UnreadablePackageException(file, naming(file, e.getMessage()), e);
        } catch (IOException e) {
            throw new UnreadablePackageException(file, file + ": " + FileReasons.whyUnreadable(file, e), e);
        }
    }

    /** The model's messages mostly start with the file already; the signature checks' do not. */
    private static String naming(Path file, String message) {
        String text = message == null || message.isBlank() ? "is not a valid package" : message;
        return text.startsWith(file.toString()) ? text : file + ": " + text;
    }
}
