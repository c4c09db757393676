package org.suptools.workbench.viewmodel;

/** The screens of the main window, one tab each. */
public enum Screen {
    PACKAGE,
    ACTIONS,
    PAYLOADS,
    BUILD,
    INSPECT,
    APPLY
}
