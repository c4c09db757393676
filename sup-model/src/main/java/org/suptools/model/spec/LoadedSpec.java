package org.suptools.model.spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** A spec read from disk together with where it came from and the payload files found beside it. */
public record LoadedSpec(Path specFile, PackageSpec spec, List<SpecPayload> payloads) {

    public LoadedSpec {
        payloads = List.copyOf(payloads);
    }

    public Set<String> payloadNames() {
        return payloads.stream().map(SpecPayload::name).collect(Collectors.toUnmodifiableSet());
    }

    /** The directory the spec lives in; relative paths in the spec resolve against it. */
    public Path baseDir() {
        Path parent = specFile.toAbsolutePath().getParent();
        return parent == null ? Path.of(".").toAbsolutePath() : parent;
    }
}
