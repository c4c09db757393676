package org.suptools.model.wrongfixture;

import java.io.IOException;

/** Deliberately wrong (a fixture, never shipped): the format starting a process. */
public final class ModelStartingAProcess {

    public Process run() throws IOException {
        return new ProcessBuilder("true").start();
    }
}
