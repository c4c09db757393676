package org.suptools.workbench.viewmodel.wrongfixture;

import javafx.scene.control.Label;

/** Deliberately wrong (a fixture, never shipped): a view-model that builds a control. */
public final class ViewModelWithAScene {

    public Class<?> control() {
        return Label.class;
    }
}
