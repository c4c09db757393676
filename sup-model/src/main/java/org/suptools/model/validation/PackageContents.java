package org.suptools.model.validation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.suptools.model.action.Action;
import org.suptools.model.manifest.Manifest;
import org.suptools.model.manifest.PayloadFile;
import org.suptools.model.manifest.Requirement;
import org.suptools.model.manifest.Target;

/**
 * What the whole-package checks look at: a spec with the payload files found beside it, or a
 * manifest with the payloads it lists.
 *
 * @param payloadNames the payload names, relative to the payload directory
 */
public record PackageContents(String name, List<Requirement> requires, List<Target> targets, List<Action> actions,
        Set<String> payloadNames, Optional<Instant> expires) {

    public PackageContents {
        requires = List.copyOf(requires);
        targets = List.copyOf(targets);
        actions = List.copyOf(actions);
        payloadNames = Set.copyOf(payloadNames);
    }

    public static PackageContents of(Manifest manifest) {
        return new PackageContents(manifest.name(), manifest.requires(), manifest.targets(), manifest.actions(),
                manifest.payloads().stream().map(PayloadFile::name).collect(Collectors.toSet()), manifest.expires());
    }
}
