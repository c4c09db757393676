package org.suptools.model.manifest;

import org.suptools.model.version.VersionRange;

/** A package that must already be installed on the gateway, in a version within the range. */
public record Requirement(String name, VersionRange version) {

    public Requirement {
        PackageName.check(name);
        if (version == null) {
            throw new IllegalArgumentException("version: is required (a range such as \">=1.0.0\")");
        }
    }
}
