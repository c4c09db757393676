package org.suptools.model.spec;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.suptools.model.action.Action;
import org.suptools.model.manifest.FailurePolicy;
import org.suptools.model.manifest.PackageName;
import org.suptools.model.manifest.Requirement;
import org.suptools.model.manifest.Target;
import org.suptools.model.validation.PackageContents;
import org.suptools.model.version.SemVer;

/**
 * The authoring spec, {@code sup.yaml}: the package as its author writes it. The payload files
 * are the files under {@code payloadDir} (default {@code payload}, beside the spec); building
 * the package hashes them into the manifest.
 */
public record PackageSpec(
        String name,
        SemVer version,
        Optional<String> description,
        Optional<String> vendor,
        Optional<Instant> expires,
        List<Target> targets,
        List<Requirement> requires,
        boolean allowDowngrade,
        FailurePolicy failurePolicy,
        Optional<String> payloadDir,
        List<Action> actions) {

    public static final String DEFAULT_PAYLOAD_DIR = "payload";

    public PackageSpec {
        PackageName.check(name);
        if (version == null) {
            throw new IllegalArgumentException("version: is required");
        }
        description = description == null ? Optional.empty() : description;
        vendor = vendor == null ? Optional.empty() : vendor;
        expires = expires == null ? Optional.empty() : expires;
        targets = targets == null ? List.of() : List.copyOf(targets);
        requires = requires == null ? List.of() : List.copyOf(requires);
        failurePolicy = failurePolicy == null ? FailurePolicy.ROLLBACK : failurePolicy;
        payloadDir = payloadDir == null ? Optional.empty() : payloadDir;
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    public String effectivePayloadDir() {
        return payloadDir.orElse(DEFAULT_PAYLOAD_DIR);
    }

    /** What the whole-package checks look at, with the payload files found beside the spec. */
    public PackageContents contents(Set<String> payloadNames) {
        return new PackageContents(name, requires, targets, actions, payloadNames, expires);
    }
}
