package org.suptools.model.packaging;

import java.nio.file.Path;
import java.util.Optional;
import org.suptools.model.manifest.Manifest;
import org.suptools.model.signing.SignatureSet;

/**
 * A package just written: where, how big, what it holds, and the SHA-256 of the whole file when
 * the builder was asked for it (hashing the finished file reads it once more).
 */
public record BuildResult(Path file, long size, Optional<String> sha256, Manifest manifest, SignatureSet signatures) {
}
