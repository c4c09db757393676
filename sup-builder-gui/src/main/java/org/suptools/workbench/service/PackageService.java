package org.suptools.workbench.service;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.suptools.model.InvalidPackageException;
import org.suptools.model.archive.ProgressListener;
import org.suptools.model.packaging.BuildResult;
import org.suptools.model.signing.KeyFileException;
import org.suptools.model.spec.LoadedSpec;

/** Building, opening and unpacking packages: the model's packaging, behind an interface. */
public interface PackageService {

    /** Builds and signs with each private key file, exactly as {@code sup build} does. */
    BuildResult build(LoadedSpec spec, Path out, List<Path> privateKeys, ProgressListener progress)
            throws IOException, KeyFileException;

    /**
     * Opens a package read-only: structure and payload hashes verified; signatures checked against
     * the trust store when one is given.
     */
    OpenedPackage open(Path file, Optional<Path> trustStore, ProgressListener progress)
            throws IOException, InvalidPackageException, KeyFileException;

    /**
     * Turns a package back into an editable spec: its payloads unpacked (safely) into
     * {@code dir/payload} and its manifest written as {@code dir/sup.yaml}. Returns the spec file.
     */
    Path convertToSpec(Path file, Path dir) throws IOException, InvalidPackageException;
}
