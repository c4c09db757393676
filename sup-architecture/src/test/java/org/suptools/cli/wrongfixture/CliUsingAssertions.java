package org.suptools.cli.wrongfixture;

import org.assertj.core.api.Assertions;

/** Deliberately wrong (a fixture, never shipped): production code using a test library. */
public final class CliUsingAssertions {

    public Class<?> assertions() {
        return Assertions.class;
    }
}
