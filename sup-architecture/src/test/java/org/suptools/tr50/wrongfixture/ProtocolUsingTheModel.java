package org.suptools.tr50.wrongfixture;

import org.suptools.model.InvalidPackageException;

/** Deliberately wrong (a fixture, never shipped): the protocol depending on the package format. */
public final class ProtocolUsingTheModel {

    public Class<?> error() {
        return InvalidPackageException.class;
    }
}
