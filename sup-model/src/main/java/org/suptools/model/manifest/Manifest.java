package org.suptools.model.manifest;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.suptools.model.action.Action;
import org.suptools.model.version.SemVer;

/**
 * The {@code manifest.json} of a package: what it is, what it is for, the payload files pinned by
 * size and SHA-256, and the ordered actions. The signatures cover its exact bytes, so everything
 * the installer trusts is either in here or pinned from here.
 */
public record Manifest(
        int formatVersion,
        String name,
        SemVer version,
        Optional<String> description,
        Optional<String> vendor,
        Instant created,
        Optional<Instant> expires,
        List<Target> targets,
        List<Requirement> requires,
        boolean allowDowngrade,
        FailurePolicy failurePolicy,
        List<PayloadFile> payloads,
        List<Action> actions) {

    /** The only format version this library reads and writes. */
    public static final int FORMAT_VERSION = 1;

    public Manifest {
        if (formatVersion != FORMAT_VERSION) {
            throw new IllegalArgumentException("formatVersion: " + formatVersion + " is not supported (this tool reads "
                    + FORMAT_VERSION + ")");
        }
        PackageName.check(name);
        if (version == null) {
            throw new IllegalArgumentException("version: is required");
        }
        if (created == null) {
            throw new IllegalArgumentException("created: is required");
        }
        description = description == null ? Optional.empty() : description;
        vendor = vendor == null ? Optional.empty() : vendor;
        expires = expires == null ? Optional.empty() : expires;
        targets = targets == null ? List.of() : List.copyOf(targets);
        requires = requires == null ? List.of() : List.copyOf(requires);
        failurePolicy = failurePolicy == null ? FailurePolicy.ROLLBACK : failurePolicy;
        payloads = payloads == null ? List.of() : List.copyOf(payloads);
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    /** The payload with this name (relative to {@code payload/}), if the manifest lists it. */
    public Optional<PayloadFile> payload(String name) {
        return payloads.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The total size of all payloads in bytes. */
    public long payloadBytes() {
        return payloads.stream().mapToLong(PayloadFile::size).sum();
    }

    /** True when the package must no longer be installed at this instant. */
    public boolean isExpiredAt(Instant now) {
        return expires.map(e -> !now.isBefore(e)).orElse(false);
    }
}
