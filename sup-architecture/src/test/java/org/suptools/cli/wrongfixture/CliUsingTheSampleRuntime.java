package org.suptools.cli.wrongfixture;

import org.suptools.samples.runtime.SampleRuntime;

/** Deliberately wrong (a fixture, never shipped): production code needing demo material. */
public final class CliUsingTheSampleRuntime {

    public Class<?> runtime() {
        return SampleRuntime.class;
    }
}
