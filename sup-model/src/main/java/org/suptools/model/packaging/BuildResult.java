package org.suptools.model.packaging;

import java.nio.file.Path;
import org.suptools.model.manifest.Manifest;
import org.suptools.model.signing.SignatureSet;

/** A package just written: where, how big, its SHA-256, and what it holds. */
public record BuildResult(Path file, long size, String sha256, Manifest manifest, SignatureSet signatures) {
}
