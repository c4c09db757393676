package org.suptools.workbench.service;

import java.nio.file.Path;
import org.suptools.model.archive.ProgressListener;

/** Compares two built packages, as {@code sup diff A.sup B.sup} does. */
public interface PackageComparer {

    /**
     * Reads both packages (structure, manifest, signature file, entry list and every payload's hash
     * checked; signatures listed, not trusted) and lists what changed from {@code a} to {@code b}.
     *
     * @throws UnreadablePackageException naming the file that is missing, damaged or not a package
     */
    PackageComparison compare(Path a, Path b, ProgressListener progress) throws UnreadablePackageException;
}
