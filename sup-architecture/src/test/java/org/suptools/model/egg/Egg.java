package org.suptools.model.egg;

import org.suptools.model.chicken.Chicken;

/** Deliberately wrong (a fixture, never shipped): the other half of a package cycle. */
public final class Egg {

    public Chicken hatch() {
        return null;
    }
}
