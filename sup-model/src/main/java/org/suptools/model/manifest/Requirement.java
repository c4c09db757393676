package org.suptools.model.manifest;

import org.suptools.model.version.VersionRange;

/** A package that must already be installed on the gateway, in a version within the range. */
public record Requirement(String name, VersionRange version) {

    public Requirement {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name: is required");
        }
        if (version == null) {
            throw new IllegalArgumentException("version: is required (a range such as \">=1.0.0\")");
        }
    }
}
