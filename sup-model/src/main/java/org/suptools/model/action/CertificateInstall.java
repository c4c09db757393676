package org.suptools.model.action;

import java.util.Optional;

/** Puts a PEM certificate from the payload in place. Undo: restore the previous file, or delete if new. */
public record CertificateInstall(ActionHeader header, String source, String destination, Optional<String> mode)
        implements PayloadPlacement {

    public CertificateInstall {
        java.util.Objects.requireNonNull(header, "header");
        Fields.text(source, "source");
        Fields.text(destination, "destination");
        mode = Fields.mode(mode);
    }

    @Override
    public CertificateInstall withHeader(ActionHeader newHeader) {
        return new CertificateInstall(newHeader, source, destination, mode);
    }

    @Override
    public String summary() {
        return "certificate " + source + " -> " + destination;
    }
}
