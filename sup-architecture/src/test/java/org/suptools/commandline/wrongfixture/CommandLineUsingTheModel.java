package org.suptools.commandline.wrongfixture;

import org.suptools.model.InvalidPackageException;

/** Deliberately wrong (a fixture, never shipped): the command-line support depending on the package format. */
public final class CommandLineUsingTheModel {

    public Class<?> error() {
        return InvalidPackageException.class;
    }
}
