package org.suptools.portal.store;

import java.time.Instant;
import java.util.Objects;
import org.suptools.model.manifest.PackageName;
import org.suptools.model.version.SemVer;
import org.suptools.portal.releases.Policy;

/**
 * A Developer File published as a release: what a gateway's {@code update.check} can be answered with.
 *
 * @param name the package name, from the .sup's manifest
 * @param version its SemVer version, from the manifest
 * @param fileName the Developer File the release sends
 * @param blob the stored bytes it was published with; a later upload of the same name is not this release
 * @param size the file's size in bytes
 * @param crc32 the IEEE CRC-32 of the file
 * @param sha256 the SHA-256 of the file, lower-case hex
 * @param policy the distribution policy, as written
 * @param publishedOn when it was published
 */
public record Release(String name, String version, String fileName, String blob, long size, long crc32,
        String sha256, String policy, Instant publishedOn) {

    public Release {
        PackageName.check(name);
        SemVer.parse(version);
        Names.fileName("fileName", fileName);
        Names.fileName("blob", blob);
        if (size < 0 || crc32 < 0 || crc32 > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("size, crc32: out of range");
        }
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256: must be 64 lower-case hex digits");
        }
        Policy.parse(policy);
        Objects.requireNonNull(publishedOn, "publishedOn");
    }

    public SemVer semVer() {
        return SemVer.parse(version);
    }

    /** The policy, parsed. */
    public Policy parsedPolicy() {
        return Policy.parse(policy);
    }

    /** {@code name version}, as the CLI names a release. */
    public String label() {
        return name + " " + version;
    }
}
