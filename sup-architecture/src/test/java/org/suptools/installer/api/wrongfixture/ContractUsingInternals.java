package org.suptools.installer.api.wrongfixture;

import org.suptools.installer.fs.Durable;

/** Deliberately wrong (a fixture, never shipped): the contract reaching into the installer's internals. */
public final class ContractUsingInternals {

    public Class<?> writer() {
        return Durable.class;
    }
}
