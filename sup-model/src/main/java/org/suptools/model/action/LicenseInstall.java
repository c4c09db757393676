package org.suptools.model.action;

import java.util.Optional;

/** Puts a license file from the payload in place. Undo: restore the previous file, or delete if new. */
public record LicenseInstall(ActionHeader header, String source, String destination, Optional<String> mode)
        implements PayloadPlacement {

    public LicenseInstall {
        java.util.Objects.requireNonNull(header, "header");
        Fields.text(source, "source");
        Fields.text(destination, "destination");
        mode = Fields.mode(mode);
    }

    @Override
    public LicenseInstall withHeader(ActionHeader newHeader) {
        return new LicenseInstall(newHeader, source, destination, mode);
    }

    @Override
    public String summary() {
        return "license " + source + " -> " + destination;
    }
}
