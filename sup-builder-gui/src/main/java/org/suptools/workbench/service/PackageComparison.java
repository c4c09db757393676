package org.suptools.workbench.service;

import java.nio.file.Path;
import java.util.List;
import org.suptools.model.manifest.Manifest;
import org.suptools.model.packaging.Change;
import org.suptools.model.packaging.PackageDiff;
import org.suptools.model.signing.SignatureSet;

/**
 * Two packages and what changed from the first to the second, as the model's
 * {@link PackageDiff} finds it; both manifests are kept to show the detail behind each change.
 */
public record PackageComparison(Side a, Side b, List<Change> changes) {

    public PackageComparison {
        changes = List.copyOf(changes);
    }

    /** One package of the two: its file, manifest and signatures. */
    public record Side(Path file, long size, Manifest manifest, SignatureSet signatures) {
    }

    public boolean identical() {
        return changes.isEmpty();
    }

    /** The text {@code sup diff A.sup B.sup} prints for the same two packages, one line each. */
    public String text() {
        return String.join("\n", PackageDiff.lines(changes)) + "\n";
    }
}
