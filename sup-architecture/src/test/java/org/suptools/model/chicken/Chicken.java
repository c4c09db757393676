package org.suptools.model.chicken;

import org.suptools.model.egg.Egg;

/** Deliberately wrong (a fixture, never shipped): two packages of one module that need each other. */
public final class Chicken {

    public Egg lay() {
        return new Egg();
    }
}
