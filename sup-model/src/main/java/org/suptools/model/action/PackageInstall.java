package org.suptools.model.action;

import java.util.List;

/**
 * Installs an OS package (dpkg, rpm or opkg) from a payload file. Undo: the declared {@code undo}
 * command, if any (for example {@code dpkg -r NAME}).
 */
public record PackageInstall(ActionHeader header, String source, PackageManager manager, List<String> undo)
        implements Action {

    public PackageInstall {
        java.util.Objects.requireNonNull(header, "header");
        Fields.text(source, "source");
        if (manager == null) {
            throw new IllegalArgumentException("manager: is required (dpkg, rpm or opkg)");
        }
        undo = Fields.list(undo, "undo");
    }

    @Override
    public PackageInstall withHeader(ActionHeader newHeader) {
        return new PackageInstall(newHeader, source, manager, undo);
    }

    @Override
    public List<FieldValue> payloadReferences() {
        return List.of(new FieldValue("source", source));
    }

    @Override
    public String summary() {
        return manager.text() + " install " + source;
    }
}
