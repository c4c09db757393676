package org.suptools.installer.state;

import java.time.Instant;
import org.suptools.model.version.SemVer;

/** A package the installer installed: its version, when, the SHA-256 of its .sup file and the install id. */
public record InstalledPackage(SemVer version, Instant installedAt, String sha256, String installId) {
}
